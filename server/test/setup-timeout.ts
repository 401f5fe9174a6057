// Integration tests spawn a sandbox process and boot the app; give them room.
jest.setTimeout(90_000);
