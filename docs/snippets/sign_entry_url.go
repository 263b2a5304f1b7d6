// Signs a docgate entry URL (zOffice "active parameter" mode). Go 1.18+, standard library only.
//
//	u, err := SignEntryURL("https://docgate.example.com", secret, [][2]string{
//		{"repoId", "crm"}, {"action", "edit"}, {"docId", "42"},
//		{"userinfo", userinfoJSON}, {"meta", metaJSON}, // JSON text: base64'd here
//		{"downloadUrl", fileURL}, {"uploadUrl", fileURL}, {"params", "token=abc"},
//		{"ts", strconv.FormatInt(time.Now().UnixMilli(), 10)},
//	})
//
// Run as a program (used by docgate's tests): go run sign_entry_url.go input.tsv
// where input.tsv has one `name<TAB>value` per line: `secret`, `baseUrl`, then the query pairs in order.
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
)

const entryPath = "/docs/app/driver-callback"

// SignEntryURL returns the signed entry URL; pairs are the query parameters in order.
func SignEntryURL(baseURL, secret string, pairs [][2]string) (string, error) {
	base := strings.TrimRight(baseURL, "/")
	parsed, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	// Built by hand: url.Values.Encode() would sort the keys. url.QueryEscape is the form encoder
	// (space as '+'); for every character of the spec's vectors (= : / ; and base64's + /) it gives
	// the same bytes as URLSearchParams. It differs only on '~' (kept) and '*' (%2A); docgate
	// verifies the query exactly as sent, so both are fine.
	parts := make([]string, 0, len(pairs))
	for _, p := range pairs {
		value := p[1]
		if p[0] == "userinfo" || p[0] == "meta" {
			// base64, standard alphabet with padding, of the UTF-8 JSON text.
			value = base64.StdEncoding.EncodeToString([]byte(value))
		}
		parts = append(parts, url.QueryEscape(p[0])+"="+url.QueryEscape(value))
	}
	query := strings.Join(parts, "&")
	// The signed message is path + "?" + query: no scheme, host or port.
	message := parsed.EscapedPath() + entryPath + "?" + query
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(message))
	return base + entryPath + "?" + query + "&HMAC=" + hex.EncodeToString(mac.Sum(nil)), nil
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var secret, baseURL string
	var pairs [][2]string
	for _, line := range strings.Split(string(data), "\n") {
		name, value, ok := strings.Cut(line, "\t")
		switch {
		case !ok:
			continue
		case name == "secret":
			secret = value
		case name == "baseUrl":
			baseURL = value
		default:
			pairs = append(pairs, [2]string{name, value})
		}
	}
	signed, err := SignEntryURL(baseURL, secret, pairs)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(signed)
}
