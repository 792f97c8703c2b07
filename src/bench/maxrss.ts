// Preloaded into a process the ledger benchmark runs (`node --import dist/bench/maxrss.js …`): at
// exit it writes process.resourceUsage().maxRSS and the kernel's high-water mark of this process's
// own memory (VmHWM) to the file named by BENCH_MAXRSS_FILE, so the real CLI can be measured without
// changing it. On Linux maxRSS survives fork + exec: a child's maxRSS is at least its parent's RSS
// at spawn time; VmHWM starts afresh at exec and so is the child's own peak.
import { readFileSync, writeFileSync } from 'node:fs';

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on('exit', () => {
    let hwm = 0;
    try {
      hwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
    } catch {
      // not Linux
    }
    writeFileSync(target, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, hwmKb: hwm }));
  });
}
