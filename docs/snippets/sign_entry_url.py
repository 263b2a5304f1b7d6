"""Signs a docgate entry URL (zOffice "active parameter" mode). Python 3.6+, standard library only.

    url = sign_entry_url("https://docgate.example.com", secret, [
        ("repoId", "crm"), ("action", "edit"), ("docId", "42"),
        ("userinfo", json.dumps(user, ensure_ascii=False, separators=(",", ":"))),  # JSON text: base64'd here
        ("meta", json.dumps(meta, ensure_ascii=False, separators=(",", ":"))),
        ("downloadUrl", url), ("uploadUrl", url), ("params", "token=abc"),
        ("ts", str(int(time.time() * 1000))),
    ])

Run as a program (used by docgate's tests): python3 sign_entry_url.py input.tsv
where input.tsv has one `name<TAB>value` per line: `secret`, `baseUrl`, then the query pairs in order.
"""
import base64
import hashlib
import hmac
import sys
from urllib.parse import urlencode, urlsplit

ENTRY_PATH = "/docs/app/driver-callback"


def sign_entry_url(base_url, secret, pairs):
    """pairs: (name, value) in query order (a list, or a dict: dicts keep insertion order)."""
    base = base_url.rstrip("/")
    items = pairs.items() if isinstance(pairs, dict) else pairs
    encoded = [
        # base64, standard alphabet with padding, of the UTF-8 JSON text.
        (k, base64.b64encode(v.encode("utf-8")).decode("ascii") if k in ("userinfo", "meta") else v)
        for k, v in items
    ]
    # urlencode (quote_plus) encodes every character of the spec's vectors (= : / ; and base64's + /)
    # exactly as URLSearchParams does. It differs only on '~' (kept) and '*' (%2A); docgate verifies
    # the query exactly as sent, so both are fine.
    query = urlencode(encoded)
    # The signed message is path + "?" + query: no scheme, host or port.
    message = urlsplit(base).path + ENTRY_PATH + "?" + query
    digest = hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()
    return base + ENTRY_PATH + "?" + query + "&HMAC=" + digest


def main(path):
    settings, pairs = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line:
                continue
            name, value = line.split("\t", 1)
            if name in ("secret", "baseUrl"):
                settings[name] = value
            else:
                pairs.append((name, value))
    print(sign_entry_url(settings["baseUrl"], settings["secret"], pairs))


if __name__ == "__main__":
    main(sys.argv[1])
