import fs from "node:fs";

/** Linux reports process CPU time in clock ticks; 100 per second on every kernel we run on (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in seconds, from /proc/<pid>/stat (null once it is gone). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // fields 14 and 15 of the whole line
  } catch {
    return null;
  }
}

/** Nanoseconds a process's threads have spent runnable but waiting for a CPU (/proc/<pid>/schedstat, field 2). */
export function runQueueWaitNs(pid: number): number | null {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]);
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** A field of /proc/<pid>/status in MiB (VmRSS, VmHWM …), null once the process is gone. */
export function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** What a sampled process cost, and how crowded the machine was meanwhile. */
export interface LoadSummary {
  avgCpuPct: number;
  peakCpuPct: number;
  peakRssMb: number;
  runQueueWaitPct: number;
  machineBusyPct: number;
}

/** CPU and memory of one process, sampled once a second while a run goes on. */
export class ProcSampler {
  readonly pid: number;
  /** CPU % of one core over each 1 s window. */
  readonly cpuWindows: number[] = [];
  peakRssMb = 0;
  currentCpuPct = 0;
  currentRssMb = 0;
  private readonly timer: NodeJS.Timeout;
  private lastCpu: number;
  private lastAt: number;
  private readonly firstCpu: number;
  private readonly firstAt: number;
  private readonly firstWaitNs: number;
  private readonly firstMachine: { busy: number; total: number };

  constructor(pid: number) {
    this.pid = pid;
    this.firstCpu = this.lastCpu = cpuSeconds(pid) ?? 0;
    this.firstAt = this.lastAt = performance.now();
    this.firstWaitNs = runQueueWaitNs(pid) ?? 0;
    this.firstMachine = machineJiffies();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  private sample(): void {
    const cpu = cpuSeconds(this.pid);
    const now = performance.now();
    if (cpu !== null) {
      this.currentCpuPct = ((cpu - this.lastCpu) / ((now - this.lastAt) / 1000)) * 100;
      this.cpuWindows.push(this.currentCpuPct);
      this.lastCpu = cpu;
      this.lastAt = now;
    }
    this.currentRssMb = statusMb(this.pid, "VmRSS") ?? this.currentRssMb;
    this.peakRssMb = Math.max(this.peakRssMb, statusMb(this.pid, "VmHWM") ?? 0);
  }

  /**
   * Stops sampling. Returns average CPU % over the whole sampled span, the busiest 1 s window, peak RSS,
   * the share of wall time this process sat runnable waiting for a core (CPU starvation), and how busy
   * the whole machine was (% of all cores), which shows whether something else was competing.
   */
  stop(): LoadSummary {
    this.sample();
    clearInterval(this.timer);
    const seconds = (this.lastAt - this.firstAt) / 1000;
    const machine = machineJiffies();
    const waitNs = (runQueueWaitNs(this.pid) ?? this.firstWaitNs) - this.firstWaitNs;
    return {
      avgCpuPct: seconds > 0 ? ((this.lastCpu - this.firstCpu) / seconds) * 100 : 0,
      peakCpuPct: Math.max(0, ...this.cpuWindows),
      peakRssMb: this.peakRssMb,
      runQueueWaitPct: seconds > 0 ? (waitNs / 1e9 / seconds) * 100 : 0,
      machineBusyPct:
        ((machine.busy - this.firstMachine.busy) / Math.max(1, machine.total - this.firstMachine.total)) * 100,
    };
  }
}
