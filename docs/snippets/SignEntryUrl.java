// Signs a docgate entry URL (zOffice "active parameter" mode). Java 8+, no dependencies.
//
//   Map<String, String> q = new LinkedHashMap<>();   // iteration order = query order
//   q.put("repoId", "crm"); q.put("action", "edit"); q.put("docId", "42");
//   q.put("userinfo", userinfoJson); q.put("meta", metaJson);          // JSON text: base64'd here
//   q.put("downloadUrl", url); q.put("uploadUrl", url); q.put("params", "token=abc");
//   q.put("ts", String.valueOf(System.currentTimeMillis()));
//   String entryUrl = SignEntryUrl.sign("https://docgate.example.com", secret, q);
//
// Run as a program (used by docgate's tests): javac SignEntryUrl.java && java SignEntryUrl input.tsv
// where input.tsv has one `name<TAB>value` per line: `secret`, `baseUrl`, then the query pairs in order.
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class SignEntryUrl {
    static final String ENTRY_PATH = "/docs/app/driver-callback";

    public static String sign(String baseUrl, String secret, Map<String, String> query) throws Exception {
        String base = baseUrl.replaceAll("/+$", "");
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            String value = e.getValue();
            if (e.getKey().equals("userinfo") || e.getKey().equals("meta")) {
                // base64, standard alphabet with padding, of the UTF-8 JSON text.
                value = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            }
            if (q.length() > 0) q.append('&');
            q.append(formEncode(e.getKey())).append('=').append(formEncode(value));
        }
        // The signed message is path + "?" + query: no scheme, host or port.
        String path = new URI(base).getRawPath() + ENTRY_PATH;
        String hmac = hmacSha256Hex(secret, path + "?" + q);
        return base + ENTRY_PATH + "?" + q + "&HMAC=" + hmac;
    }

    // URLEncoder is the same form encoder as URIBuilder and URLSearchParams: space as '+', keeps
    // only A-Z a-z 0-9 - . _ *, and upper-case %XX of the UTF-8 bytes. (The String charset-name
    // overload keeps this Java 8 compatible.)
    static String formEncode(String s) throws UnsupportedEncodingException {
        return URLEncoder.encode(s, "UTF-8");
    }

    static String hmacSha256Hex(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(message.getBytes(StandardCharsets.UTF_8))) hex.append(String.format("%02x", b));
        return hex.toString();
    }

    public static void main(String[] args) throws Exception {
        String secret = null, baseUrl = null;
        Map<String, String> query = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            if (line.isEmpty()) continue;
            int tab = line.indexOf('\t');
            String name = line.substring(0, tab), value = line.substring(tab + 1);
            if (name.equals("secret")) secret = value;
            else if (name.equals("baseUrl")) baseUrl = value;
            else query.put(name, value);
        }
        System.out.println(sign(baseUrl, secret, query));
    }
}
