import { intersectPorts, parsePortList, subtractPorts, unionPorts } from "../../../sdk/model/ports";
import { PortError } from "../../../sdk/errors";

describe("parsePortList", () => {
  test.each([
    ["80,443", ["80", "443"]],
    ["443,80", ["80", "443"]],
    ["80, 443", ["80", "443"]],
    ["", []],
    ["   ", []],
    [undefined, []],
    ["123", ["123"]],
    ["3478-3481", ["3478-3481"]],
    ["3478, 3479, 3480, 3481", ["3478-3481"]],
    ["7680, 3544, 80, 443", ["80", "443", "3544", "7680"]],
    ["25,143,587,993,995", ["25", "143", "587", "993", "995"]],
    ["443,443", ["443"]],
    ["1000-2000,1500-2500,2501", ["1000-2501"]],
    ["65535", ["65535"]],
  ])("%j -> %j", (input, expected) => {
    expect(parsePortList(input)).toEqual(expected);
  });

  test.each([
    ["0", "outside 1-65535"],
    ["65536", "outside 1-65535"],
    ["80,,443", "empty item"],
    ["80;443", "not a port number"],
    ["443-80", "runs backwards"],
    ["http", "not a port number"],
    ["-1", "not a port number"],
    ["80 443", "not a port number"],
  ])("rejects %j (%s)", (input, reason) => {
    expect(() => parsePortList(input)).toThrow(PortError);
    expect(() => parsePortList(input)).toThrow(reason);
  });

  test("rejects a non-string", () => {
    expect(() => parsePortList(443)).toThrow("expected a string, got number");
  });
});

describe("port set algebra", () => {
  test("union merges and sorts", () => {
    expect(unionPorts(["443"], ["80", "443"], ["1000-1005"], ["1006"])).toEqual(["80", "443", "1000-1006"]);
  });
  test("subtract cuts ranges", () => {
    expect(subtractPorts(["80", "443", "1000-1010"], ["443", "1003-1004"])).toEqual(["80", "1000-1002", "1005-1010"]);
  });
  test("intersect keeps the common part", () => {
    expect(intersectPorts(["80", "443", "5223"], ["80", "443"])).toEqual(["80", "443"]);
    expect(intersectPorts(["123"], ["80", "443"])).toEqual([]);
  });
});
