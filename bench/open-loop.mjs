// Open-loop load: commands arrive on a fixed schedule, whether or not earlier
// ones have finished, as the requests of many independent people do (a
// closed loop of C simulated users only sends when one of them is free, so
// it can never find out what a queue in front of the system costs).

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs instances of `steps` commands each at `rate` commands/s, enough for
 * `steadyInstances` instance intervals with all steps in play (each has one
 * slot of every step), after a ramp-up and before a ramp-down of about
 * (steps - 1) * thinkMs each. Slots are 1/rate apart; instance i starts in
 * slot steps*i and its step k comes in slot steps*(i + k*m) + k, i.e. about
 * `thinkMs` after step k-1 (m is thinkMs in whole instance intervals), so
 * every slot carries exactly one command once all steps are in play. A step whose previous
 * step of the same instance is still running when its slot comes (a latency
 * above the think time) goes as soon as that one is done ("late").
 *
 * `run(i, k)` performs step k of instance i. Each record has the step's
 * `from` (its slot, or when the step before it finished if that was later),
 * `started` (when `run` was called: the driver shares the event loop with
 * what it measures) and `done`, all performance.now() ms; `steady` marks the
 * slots between the ramp-up and the ramp-down, when all steps are in play.
 */
export async function openLoop({ rate, steadyInstances, steps, thinkMs, run }) {
  const interval = (steps * 1000) / rate; // ms between instance starts
  const m = Math.max(1, Math.round(thinkMs / interval));
  const instances = steadyInstances + (steps - 1) * m + 1;
  const slotMs = 1000 / rate;
  const lastSlot = steps * (instances - 1 + (steps - 1) * m) + steps - 1;
  const rampUp = steps * (steps - 1) * m; // the interval of instance 0's last step
  const rampDown = steps * (instances - 1); // the slot of the last instance's start
  const chains = new Array(instances);
  const records = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failed = null;
  const t0 = performance.now() + 20;
  for (let s = 0; s <= lastSlot && !failed; s++) {
    const k = s % steps;
    const i = Math.floor(s / steps) - k * m;
    if (i < 0 || i >= instances) continue;
    const due = t0 + s * slotMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const previous = chains[i] ?? Promise.resolve(due);
    chains[i] = previous.then(async (previousDone) => {
      const from = Math.max(due, previousDone);
      const started = performance.now();
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        await run(i, k);
      } finally {
        inFlight--;
      }
      const done = performance.now();
      records.push({ i, k, due, from, started, done, steady: s >= rampUp && s <= rampDown });
      return done;
    });
    chains[i].catch((err) => (failed ??= err));
  }
  await Promise.allSettled(chains);
  if (failed) throw failed;
  return {
    instances,
    records,
    thinkMs: m * interval,
    seconds: (Math.max(...records.map((r) => r.done)) - t0) / 1000,
    maxInFlight,
  };
}
