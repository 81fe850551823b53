/**
 * A CPU profile of part of a benchmark, taken with the inspector's sampling profiler in the same
 * process, summarised by self time per function and per area (a package, an app module, the runtime).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Self time of a CPU profile, by function and by area (package, app module, runtime). */
function summariseProfile(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  let total = 0;
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    // The inspector's own work (starting and stopping the profiler) is not the program's.
    if (!frame || frame.functionName === "dispatch") continue;
    const url = frame.url.replace(/^file:\/\//, "");
    const short = url.replace(/^.*\/node_modules\//, "").replace(`${process.cwd()}/`, "");
    const name = `${frame.functionName || "(anonymous)"} ${short ? `${short}:${frame.lineNumber + 1}` : ""}`;
    total += micros;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    let area: string;
    if (!url) area = frame.functionName || "(native)";
    else if (url.startsWith("node:")) area = "node internals";
    else if (url.includes("/node_modules/")) {
      const parts = url.split("/node_modules/").pop()?.split("/") ?? [];
      area = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? "?");
    } else area = short.split("/").slice(0, 4).join("/");
    areas.set(area, (areas.get(area) ?? 0) + micros);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, micros]) => `    ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return { areas: top(areas, 14), functions: top(functions, 25) };
}

/** Runs `run` under the inspector's sampling profiler; its summary joins `lines` (the .cpuprofile is written to the temp folder). */
export async function cpuProfile<T>(lines: string[], label: string, run: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  let result: T;
  try {
    result = await run();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    const file = join(tmpdir(), `sorot-bench-${label.replace(/\W+/g, "-")}-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const summary = summariseProfile(profile as unknown as Parameters<typeof summariseProfile>[0]);
    lines.push(
      `CPU profile of the main thread, ${label} (self time; ${file}):`,
      "  by area:",
      ...summary.areas,
      "  by function:",
      ...summary.functions,
    );
  }
  return result;
}
