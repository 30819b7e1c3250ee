import { createHmac } from "node:crypto";
import { signBody, verifySignature } from "../../../server/runtask/hmac";

const KEY = Buffer.from("secret");
const BODY = Buffer.from('{"payload_version":1}');

describe("verifySignature: only the lower-case hex HMAC-SHA512 of the exact bytes is valid", () => {
  const good = createHmac("sha512", KEY).update(BODY).digest("hex");

  it("GIVEN HCP's signature THEN valid, and signBody computes the same", () => {
    expect(signBody(KEY, BODY)).toBe(good);
    expect(verifySignature(KEY, BODY, good)).toBe("valid");
  });

  it.each([
    ["absent", undefined, "missing"],
    ["empty", "", "missing"],
    ["repeated header", [good, good], "malformed"],
    ["127 hex digits", good.slice(1), "malformed"],
    ["129 hex digits", `${good}0`, "malformed"],
    ["upper case", good.toUpperCase(), "malformed"],
    ["non-hex of the right length", `${good.slice(0, 127)}g`, "malformed"],
    ["one bit off", `${good.slice(0, 127)}${good[127] === "0" ? "1" : "0"}`, "mismatch"],
  ] as Array<[string, string | string[] | undefined, string]>)("GIVEN a signature that is %s THEN %s", (_name, header, expected) => {
    expect(verifySignature(KEY, BODY, header)).toBe(expected);
  });

  it("GIVEN the same JSON re-serialised with other whitespace THEN mismatch (the raw bytes are signed)", () => {
    expect(verifySignature(KEY, Buffer.from('{ "payload_version": 1 }'), good)).toBe("mismatch");
  });
});
