<?php
// Signs a docgate entry URL (zOffice "active parameter" mode). PHP 7.1+, no extensions beyond the core.
//
//   $url = sign_entry_url('https://docgate.example.com', $secret, [
//       'repoId' => 'crm', 'action' => 'edit', 'docId' => '42',
//       'userinfo' => json_encode($user, JSON_UNESCAPED_UNICODE),  // JSON text: base64'd here
//       'meta' => json_encode($meta, JSON_UNESCAPED_UNICODE),
//       'downloadUrl' => $fileUrl, 'uploadUrl' => $fileUrl, 'params' => 'token=abc',
//       'ts' => (string) intdiv((int) (microtime(true) * 1000000), 1000),
//   ]);
//
// Run as a program (used by docgate's tests): php sign_entry_url.php input.tsv
// where input.tsv has one `name<TAB>value` per line: `secret`, `baseUrl`, then the query pairs in order.

const ENTRY_PATH = '/docs/app/driver-callback';

/** $query: name => value, in query order (PHP arrays keep insertion order). */
function sign_entry_url(string $baseUrl, string $secret, array $query): string
{
    $base = rtrim($baseUrl, '/');
    foreach (['userinfo', 'meta'] as $name) {
        if (isset($query[$name])) {
            // base64, standard alphabet with padding, of the UTF-8 JSON text.
            $query[$name] = base64_encode($query[$name]);
        }
    }
    // http_build_query (RFC 1738: space as '+') keeps the order given. For every character of the
    // spec's vectors (= : / ; and base64's + /) it gives the same bytes as URLSearchParams; it differs
    // only on '*' (%2A); docgate verifies the query exactly as sent, so that is fine.
    $q = http_build_query($query, '', '&', PHP_QUERY_RFC1738);
    // The signed message is path + "?" + query: no scheme, host or port.
    $path = (string) parse_url($base, PHP_URL_PATH) . ENTRY_PATH;
    $hmac = hash_hmac('sha256', $path . '?' . $q, $secret); // lower-case hex
    return $base . ENTRY_PATH . '?' . $q . '&HMAC=' . $hmac;
}

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME']) === __FILE__) {
    $settings = [];
    $query = [];
    foreach (explode("\n", file_get_contents($argv[1])) as $line) {
        if ($line === '') {
            continue;
        }
        [$name, $value] = explode("\t", $line, 2);
        if ($name === 'secret' || $name === 'baseUrl') {
            $settings[$name] = $value;
        } else {
            $query[$name] = $value;
        }
    }
    echo sign_entry_url($settings['baseUrl'], $settings['secret'], $query), "\n";
}
