import { DEFAULT_TFC_HOSTS, HostAllowList } from "../../../server/runtask/allow-list";

describe("HostAllowList: only listed hosts, over https unless told otherwise", () => {
  const hcp = new HostAllowList(DEFAULT_TFC_HOSTS);

  it.each([
    ["https://app.terraform.io/api/v2/plans/plan-1/json-output", true],
    ["https://APP.terraform.io:443/api/v2/x", true],
    ["https://archivist.terraform.io/v1/object/abc?sig=1", true],
    ["http://app.terraform.io/api/v2/x", false],
    ["https://app.terraform.io:8443/x", false],
    ["https://app.terraform.io.evil.example/x", false],
    ["https://evil.example/app.terraform.io", false],
    ["https://user:pw@app.terraform.io/x", false],
    ["ftp://app.terraform.io/x", false],
    ["not a url", false],
  ])("%s → allowed %s", (url, allowed) => {
    expect(hcp.check(url).ok).toBe(allowed);
  });

  it("GIVEN host:port entries and insecureHttp THEN the port must match, and http is allowed", () => {
    const local = new HostAllowList(["127.0.0.1:9000", "tfe.example.com"], { insecureHttp: true });
    expect(["http://127.0.0.1:9000/x", "http://127.0.0.1:9001/x", "http://tfe.example.com/x", "https://tfe.example.com/x", "http://tfe.example.com:443/x"].map((u) => local.check(u).ok)).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it("GIVEN a relative Location THEN it resolves against the current URL before the check", () => {
    const r = hcp.check("/archivist/x", new URL("https://app.terraform.io/api/v2/plans/p/json-output"));
    expect(r.ok && r.url.href).toBe("https://app.terraform.io/archivist/x");
  });

  it("GIVEN entries that are not hosts THEN construction fails, naming them", () => {
    expect(() => new HostAllowList(["https://app.terraform.io", "a/b"])).toThrow('not a host or host:port: "https://app.terraform.io", "a/b"');
    expect(() => new HostAllowList([])).toThrow("the host allow-list is empty");
  });

  it("GIVEN a refused URL THEN the reason says why", () => {
    expect(hcp.check("http://app.terraform.io/x")).toEqual({ ok: false, reason: "scheme http is not allowed" });
    expect(hcp.check("https://evil.example:444/x")).toEqual({ ok: false, reason: "host evil.example:444 is not in the allow-list" });
  });
});
