import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORGE_RUNTIME_DIR } from '../../harness/forge-build/runtime-scripts';

// A sandbox never outlives the platform that forked it: when a test run or `npm start` dies without closing its
// runtime, its sandboxes exit too, rather than lingering as orphans.

const ROOT = path.resolve(__dirname, '../..');

/** Running, not merely a zombie waiting to be reaped (in a container nobody may reap it). */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

test('killing the platform\'s process ends its sandboxes, even one whose function left a timer running', async () => {
  const functionDir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-fixture-function-'));
  try {
    fs.copyFileSync(path.join(FORGE_RUNTIME_DIR, 'dist/loader.js'), path.join(functionDir, '__forge__.cjs'));
    fs.copyFileSync(path.join(FORGE_RUNTIME_DIR, 'dist/wrapper.js'), path.join(functionDir, '__forge_wrapper__.cjs'));
    fs.copyFileSync(path.join(__dirname, 'fixtures/limits-function.cjs'), path.join(functionDir, 'index.cjs'));
    // tsx as a loader of this very process (not its CLI, which would run the script in a grandchild we cannot kill).
    const platform = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/platform-that-dies.ts'), functionDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      platform.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /sandbox (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      platform.once('exit', (code) => reject(new Error(`the platform exited (${code}) before its sandbox ran: ${out}`)));
    });
    expect(alive(pid)).toBe(true);
    const exited = new Promise((resolve) => platform.once('exit', resolve));
    platform.kill('SIGKILL');
    await exited;
    for (let waited = 0; waited < 5_000 && alive(pid); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(pid)).toBe(false);
  } finally {
    fs.rmSync(functionDir, { recursive: true, force: true });
  }
}, 30_000);
