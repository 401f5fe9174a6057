import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { productUrls } from './browser';

const ROOT = join(__dirname, '../../..');
const { appUrl, sandboxUrl } = productUrls();

// The dd / qywx / lark bundles (built by global setup) loaded with a fake host whose login API
// hands out real sandbox auth codes: proves each host's auth file runs and the bundle logs in.
describe.each([
  ['dd', 'E0013'],
  ['qywx', 'E0014'],
  ['lark', 'E0015'],
])('the %s mini-program bundle', (type, employeeNo) => {
  it('logs in through the host login API and renders the workbench greeting', () => {
    const res = spawnSync(
      process.execPath,
      [join(ROOT, 'miniprogram/scripts/mini-smoke.mjs'), type, '--api', `${appUrl}/api`, '--sandbox', sandboxUrl, '--employee', employeeNo],
      { encoding: 'utf8', timeout: 60_000 },
    );
    const output = `${res.stdout}\n${res.stderr}`;
    expect({ status: res.status, output }).toEqual(expect.objectContaining({ status: 0 }));
  });
});
