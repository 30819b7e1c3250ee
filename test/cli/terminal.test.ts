import { Messages, colorEnabled } from "../../cli/terminal";
import type { CliIo } from "../../cli/io";

function capture(tty: boolean): { io: CliIo; err: () => string } {
  let err = "";
  return { io: { stdout: () => undefined, stderr: (s) => void (err += s), stderrIsTty: tty }, err: () => err };
}

describe("Messages: progress only on a terminal and only for steps of about a second or more", () => {
  const clock = (...times: number[]) => () => times.shift() ?? 0;

  it("GIVEN a terminal and a 1.5 s step THEN one progress line with the time", () => {
    const c = capture(true);
    const m = new Messages(c.io, { color: true, quiet: false }, clock(0, 1500));
    m.begin("read");
    m.end("read", "read 3 inputs");
    expect(c.err()).toBe("modelgate: read 3 inputs (1.5 s)\n");
  });

  it.each([
    ["a short step", true, false, clock(0, 400)],
    ["a pipe", false, false, clock(0, 5000)],
    ["--quiet", true, true, clock(0, 5000)],
  ])("GIVEN %s THEN no progress line", (_name, tty, quiet, now) => {
    const c = capture(tty);
    const m = new Messages(c.io, { color: true, quiet }, now);
    m.begin("x");
    m.end("x", "done");
    expect(c.err()).toBe("");
  });

  it("GIVEN --quiet THEN info is hidden and warnings are not", () => {
    const c = capture(false);
    const m = new Messages(c.io, { color: true, quiet: true });
    m.info("synthesized");
    m.warn("careful");
    expect(c.err()).toBe("warning: careful\n");
  });
});

describe("colorEnabled: a terminal, no --no-color, NO_COLOR unset or empty", () => {
  it.each([
    [true, true, {}, true],
    [false, true, {}, false],
    [true, false, {}, false],
    [true, true, { NO_COLOR: "1" }, false],
    [true, true, { NO_COLOR: "" }, true],
  ])("tty=%s color=%s env=%j → %s", (tty, color, env, expected) => {
    expect(colorEnabled(tty, { color, quiet: false }, env)).toBe(expected);
  });
});
