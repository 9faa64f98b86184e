import {
  addClockSample,
  estimateClock,
  estimateRoundTrip,
  type OffsetSample,
  sampleFromExchange,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";

describe("sampleFromExchange", () => {
  test("offset assumes the reply was stamped halfway; rtt is the whole trip", () => {
    // Sent at 1000, the other clock read 6060, the reply arrived at 1100: offset = 6060 − 1050.
    expect(sampleFromExchange({ localSendMs: 1000, remoteMs: 6060, localReceiveMs: 1100 })).toEqual({
      offsetMs: 5010,
      rttMs: 100,
    });
    expect(sampleFromExchange({ localSendMs: 500, remoteMs: 480, localReceiveMs: 540 })).toEqual({
      offsetMs: -40,
      rttMs: 40,
    });
  });
});

describe("addClockSample", () => {
  test("keeps only the most recent maxHistory samples", () => {
    let history: OffsetSample[] = [];
    for (let i = 1; i <= 10; i++) history = addClockSample(history, { offsetMs: i, rttMs: 10 * i });
    expect(history.map((s) => s.offsetMs)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(addClockSample(history, { offsetMs: 0, rttMs: 1 }, 2)).toEqual([
      { offsetMs: 10, rttMs: 100 },
      { offsetMs: 0, rttMs: 1 },
    ]);
  });
});

describe("estimateClock", () => {
  test("no samples, no estimate", () => {
    expect(estimateClock([])).toBeUndefined();
  });

  test("one sample is trusted as is", () => {
    expect(estimateClock([{ offsetMs: 250, rttMs: 80 }])).toEqual({
      offsetMs: 250,
      rttMs: 80,
      jitterMs: 0,
      samples: 1,
    });
  });

  test("the fastest round trips win over a noisy history", () => {
    // True offset 2000. Slow exchanges were skewed by queueing one way; the two fastest are nearly exact.
    const history: OffsetSample[] = [
      { offsetMs: 2150, rttMs: 400 },
      { offsetMs: 2004, rttMs: 62 },
      { offsetMs: 1890, rttMs: 310 },
      { offsetMs: 2230, rttMs: 520 },
      { offsetMs: 1996, rttMs: 60 },
      { offsetMs: 2080, rttMs: 190 },
      { offsetMs: 1930, rttMs: 250 },
      { offsetMs: 2120, rttMs: 280 },
    ];
    // Best third of 8 = the 2 fastest: (1996 + 2004) / 2. Median RTT = (250 + 280) / 2 = 265.
    expect(estimateClock(history)).toEqual({ offsetMs: 2000, rttMs: 60, jitterMs: 205, samples: 8 });
    const mean = history.reduce((sum, s) => sum + s.offsetMs, 0) / history.length;
    expect(mean).toBe(2050);
  });

  test("three samples: the fastest one decides; odd count takes the middle RTT as median", () => {
    expect(
      estimateClock([
        { offsetMs: -300, rttMs: 90 },
        { offsetMs: -310, rttMs: 30 },
        { offsetMs: -250, rttMs: 200 },
      ]),
    ).toEqual({ offsetMs: -310, rttMs: 30, jitterMs: 60, samples: 3 });
  });
});

describe("estimateRoundTrip", () => {
  test("smallest trip, median minus smallest; bad samples ignored", () => {
    expect(estimateRoundTrip([])).toBeUndefined();
    expect(estimateRoundTrip([Number.NaN, -1])).toBeUndefined();
    expect(estimateRoundTrip([42])).toEqual({ rttMs: 42, jitterMs: 0, samples: 1 });
    expect(estimateRoundTrip([80, 60, 100, 64, Number.NaN])).toEqual({ rttMs: 60, jitterMs: 12, samples: 4 });
    expect(estimateRoundTrip([90, 60, 75])).toEqual({ rttMs: 60, jitterMs: 15, samples: 3 });
  });
});
