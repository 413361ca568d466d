#!/usr/bin/env bash
# Verifies a formseal package with standard tools only (unzip, jq, sha256sum, base64, openssl),
# exactly as README.md describes: every hash in the manifest, the key fingerprint, the signature.
# Usage: scripts/verify-with-openssl.sh PACKAGE.zip     (exit 0 only if everything checks out)
set -euo pipefail
pkg=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
unzip -q "$pkg"

# 1. Every file's SHA-256 as listed in manifest.json.
jq -r '.files[] | "\(.sha256)  \(.path)"' manifest.json | sha256sum --check --strict --quiet
# 2. application_sha256 is the digest of application.json.
test "$(jq -r .application_sha256 manifest.json)" = "$(sha256sum application.json | cut -d' ' -f1)"
# 3. The public key and its fingerprint (SHA-256 of the SubjectPublicKeyInfo DER).
jq -r .public_key signature.json | base64 -d > pub.der
test "$(jq -r .key_fingerprint signature.json)" = "$(sha256sum pub.der | cut -d' ' -f1)"
openssl pkey -pubin -inform DER -in pub.der -out pub.pem
# 4. The signature over the exact bytes of manifest.json.
jq -r .signature signature.json | base64 -d > sig.bin
case "$(jq -r .algorithm signature.json)" in
  Ed25519) openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in manifest.json -sigfile sig.bin ;;
  ECDSA-P256-SHA256) openssl dgst -sha256 -verify pub.pem -signature sig.bin manifest.json ;;
  SM2-SM3) openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in manifest.json -sigfile sig.bin \
             -digest sm3 -pkeyopt distid:1234567812345678 ;;
  *) echo "unknown algorithm" >&2; exit 1 ;;
esac
echo "package verified with openssl: $(jq -r .algorithm signature.json), key $(jq -r .key_fingerprint signature.json)"
