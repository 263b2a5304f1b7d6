// Signs a docgate entry URL (zOffice "active parameter" mode). .NET Framework 4.5+ / .NET Core / Mono,
// base class library only.
//
//   using Pair = System.Collections.Generic.KeyValuePair<string, string>;
//   var url = DocgateEntry.SignEntryUrl("https://docgate.example.com", secret, new[] {
//       new Pair("repoId", "crm"), new Pair("action", "edit"), new Pair("docId", "42"),
//       new Pair("userinfo", userinfoJson), new Pair("meta", metaJson), // JSON text: base64'd here
//       new Pair("downloadUrl", fileUrl), new Pair("uploadUrl", fileUrl), new Pair("params", "token=abc"),
//       new Pair("ts", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString()),
//   });
//
// Run as a program (used by docgate's tests): mcs SignEntryUrl.cs && mono SignEntryUrl.exe input.tsv
// where input.tsv has one `name<TAB>value` per line: `secret`, `baseUrl`, then the query pairs in order.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;

public static class DocgateEntry
{
    const string EntryPath = "/docs/app/driver-callback";

    /// <summary>pairs: the query parameters, in order.</summary>
    public static string SignEntryUrl(string baseUrl, string secret, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var baseTrimmed = baseUrl.TrimEnd('/');
        var query = string.Join("&", pairs.Select(p =>
        {
            var value = p.Value;
            if (p.Key == "userinfo" || p.Key == "meta")
                // base64, standard alphabet with padding, of the UTF-8 JSON text (no BOM).
                value = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
            return FormEncode(p.Key) + "=" + FormEncode(value);
        }));
        // The signed message is path + "?" + query: no scheme, host or port.
        var path = new Uri(baseTrimmed).AbsolutePath.TrimEnd('/') + EntryPath;
        using (var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret)))
        {
            var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(path + "?" + query));
            var hex = BitConverter.ToString(hash).Replace("-", "").ToLowerInvariant();
            return baseTrimmed + EntryPath + "?" + query + "&HMAC=" + hex;
        }
    }

    // WebUtility.UrlEncode is the form encoder (space as '+') with UPPER-case %XX, like URLSearchParams.
    // Not HttpUtility.UrlEncode: it writes lower-case %3d, which signs different bytes than the spec's
    // vectors. For every character of the vectors (= : / ; and base64's + /) the bytes equal
    // URLSearchParams'; WebUtility differs only on ! ( ) (kept), which docgate accepts since it
    // verifies the query exactly as sent.
    static string FormEncode(string s)
    {
        return WebUtility.UrlEncode(s);
    }

    public static void Main(string[] args)
    {
        string secret = null, baseUrl = null;
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadAllLines(args[0], Encoding.UTF8))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0) continue;
            string name = line.Substring(0, tab), value = line.Substring(tab + 1);
            if (name == "secret") secret = value;
            else if (name == "baseUrl") baseUrl = value;
            else pairs.Add(new KeyValuePair<string, string>(name, value));
        }
        Console.WriteLine(SignEntryUrl(baseUrl, secret, pairs));
    }
}
