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

  constructor(pid: number) {
    this.pid = pid;
    this.firstCpu = this.lastCpu = cpuSeconds(pid) ?? 0;
    this.firstAt = this.lastAt = performance.now();
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

  /** Stops sampling; returns average CPU % over the whole sampled span, the busiest 1 s window, and peak RSS. */
  stop(): { avgCpuPct: number; peakCpuPct: number; peakRssMb: number } {
    this.sample();
    clearInterval(this.timer);
    const seconds = (this.lastAt - this.firstAt) / 1000;
    return {
      avgCpuPct: seconds > 0 ? ((this.lastCpu - this.firstCpu) / seconds) * 100 : 0,
      peakCpuPct: Math.max(0, ...this.cpuWindows),
      peakRssMb: this.peakRssMb,
    };
  }
}
