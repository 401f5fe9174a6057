// Contract specs spawn a real sandbox process and run fetchOrg under a 2 rps platform limit.
// (testTimeout is not a per-project option when jest runs from the root config.)
jest.setTimeout(90_000);
