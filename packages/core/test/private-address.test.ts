import { describe, expect, it } from "vitest";
import { isPrivateAddress, parseIpAddress } from "../src/entry/host-rule.js";

describe("isPrivateAddress", () => {
  it.each([
    "10.0.0.1",
    "10.255.255.255",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "127.0.0.1",
    "127.255.0.9",
    "169.254.169.254",
    "100.64.0.1",
    "100.127.255.255",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "[::1]",
    "fc00::1",
    "fd12:3456:789a::1",
    "fe80::1",
    "fe80::1%eth0",
    "febf::1",
    "fec0::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:10.1.2.3",
    "::ffff:a9fe:a9fe",
    "0:0:0:0:0:ffff:c0a8:0101",
    "::127.0.0.1",
    "64:ff9b::10.0.0.1",
    "2002:0a00:0001::1",
  ])("%s is private", (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.15.255.255",
    "172.32.0.0",
    "100.63.255.255",
    "100.128.0.0",
    "169.253.1.1",
    "192.169.0.1",
    "2001:4860:4860::8888",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
    "fbff::1",
  ])("%s is public", (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });

  it("fails closed on anything that is not an IP literal", () => {
    for (const text of [
      "",
      "localhost",
      "example.com",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "010.0.0.1",
      "1::2::3",
      "12345::",
      "::g",
    ]) {
      expect(isPrivateAddress(text), text).toBe(true);
    }
  });

  it("parses IPv6 forms to 16 bytes", () => {
    expect(parseIpAddress("::ffff:1.2.3.4")).toEqual({
      version: 6,
      bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4],
    });
    expect(parseIpAddress("1:2:3:4:5:6:7:8")?.bytes).toHaveLength(16);
    expect(parseIpAddress("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseIpAddress("1:2:3:4:5:6:7::8")).toBeNull();
  });
});
