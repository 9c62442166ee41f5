"""defender-sim: Entra ID token endpoints (v1 and v2), client credentials with a secret and with a certificate."""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "integration"))
from lib.simulator import GRAPH_SCOPE, Simulator  # noqa: E402

SECRET = "s3cr+t/with space&x=ä"
DESCRIPTION = re.compile(r"^AADSTS(\d+): (.+)\r\nTrace ID: ([0-9a-f-]{36})\r\nCorrelation ID: ([0-9a-f-]{36})\r\n"
                         r"Timestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", re.S)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_payload(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class TokenEndpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.sim = Simulator(alerts=10, client_secret=SECRET).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def assert_entra_error(self, r, status, error, code):
        self.assertEqual(r.status, status, r.text())
        self.assertEqual(r.headers.get("Content-Type"), "application/json; charset=utf-8")
        body = r.json()
        self.assertEqual(set(body), {"error", "error_description", "error_codes", "timestamp", "trace_id",
                                     "correlation_id", "error_uri"})
        self.assertEqual(body["error"], error)
        self.assertEqual(body["error_codes"], [code])
        m = DESCRIPTION.match(body["error_description"])
        self.assertIsNotNone(m, body["error_description"])
        self.assertEqual(int(m.group(1)), code)
        self.assertEqual(m.group(3), body["trace_id"])
        self.assertEqual(m.group(4), body["correlation_id"])
        self.assertEqual(body["error_uri"], "https://login.microsoftonline.com/error?code=%d" % code)
        return body

    def test_v2_success(self):
        r = self.sim.request_token()
        self.assertEqual(r.status, 200, r.text())
        body = r.json()
        self.assertEqual(set(body), {"token_type", "expires_in", "ext_expires_in", "access_token"})
        self.assertEqual(body["token_type"], "Bearer")
        self.assertEqual(body["expires_in"], 3599)
        self.assertEqual(body["ext_expires_in"], 3599)
        self.assertEqual(r.headers.get("Cache-Control"), "no-store, no-cache")
        claims = jwt_payload(body["access_token"])
        self.assertEqual(claims["aud"], "https://graph.microsoft.com")
        self.assertEqual(claims["iss"], "https://sts.windows.net/%s/" % self.sim.tenant_guid)
        self.assertEqual(claims["tid"], self.sim.tenant_guid)
        self.assertEqual(claims["appid"], self.sim.client_id)
        self.assertEqual(claims["roles"], ["SecurityAlert.Read.All"])
        self.assertEqual(claims["exp"] - claims["iat"], 3599)
        self.assertEqual(claims["nbf"], claims["iat"])
        self.assertLessEqual(abs(claims["iat"] - time.time()), 5)

    def test_tenant_guid_and_security_center_scope(self):
        r = self.sim.request_token(tenant=self.sim.tenant_guid.upper(),
                                   scope="https://api.securitycenter.microsoft.com/.default")
        self.assertEqual(r.status, 200, r.text())
        claims = jwt_payload(r.json()["access_token"])
        self.assertEqual(claims["aud"], "https://api.securitycenter.microsoft.com")
        self.assertEqual(claims["roles"], ["Alert.Read.All"])

    def test_v1_success_has_string_numbers(self):
        r = self.sim.request_token(version=1, resource="https://api.securitycenter.microsoft.com")
        self.assertEqual(r.status, 200, r.text())
        body = r.json()
        self.assertEqual(body["expires_in"], "3599")
        self.assertEqual(body["ext_expires_in"], "3599")
        self.assertRegex(body["expires_on"], r"^\d{10}$")
        self.assertEqual(int(body["expires_on"]) - int(body["not_before"]), 3599)
        self.assertEqual(body["resource"], "https://api.securitycenter.microsoft.com")
        self.assertEqual(jwt_payload(body["access_token"])["aud"], "https://api.securitycenter.microsoft.com")

    def test_secret_url_decoding(self):
        raw = ("grant_type=client_credentials&client_id=%s&scope=https%%3A%%2F%%2Fgraph.microsoft.com%%2F.default"
               "&client_secret=s3cr%%2Bt%%2Fwith+space%%26x%%3D%%C3%%A4" % self.sim.client_id)
        r = self.sim.request("POST", self.sim.token_url(), body=raw)
        self.assertEqual(r.status, 200, r.text())
        raw_plus_literal = raw.replace("s3cr%2Bt", "s3cr+t")  # '+' is a space in a form: now the secret is wrong
        self.assert_entra_error(self.sim.request("POST", self.sim.token_url(), body=raw_plus_literal),
                                401, "invalid_client", 7000215)

    def test_basic_authentication(self):
        creds = base64.b64encode(("%s:%s" % (self.sim.client_id, "s3cr%2Bt%2Fwith+space%26x%3D%C3%A4")).encode())
        r = self.sim.request("POST", self.sim.token_url(),
                             body={"grant_type": "client_credentials", "scope": GRAPH_SCOPE},
                             headers={"Authorization": "Basic " + creds.decode()})
        self.assertEqual(r.status, 200, r.text())

    def test_unknown_tenant(self):
        body = self.assert_entra_error(self.sim.request_token(tenant="fabrikam.onmicrosoft.com"),
                                       400, "invalid_request", 90002)
        self.assertIn("Tenant 'fabrikam.onmicrosoft.com' not found", body["error_description"])

    def test_resource_on_v2(self):
        self.assert_entra_error(self.sim.request_token(resource="https://graph.microsoft.com"),
                                400, "invalid_request", 901002)

    def test_unsupported_grant_type(self):
        self.assert_entra_error(self.sim.request_token(grant_type="password"), 400, "unsupported_grant_type", 70003)

    def test_unknown_client(self):
        body = self.assert_entra_error(self.sim.request_token(client_id=str(uuid.uuid4())),
                                       400, "unauthorized_client", 700016)
        self.assertIn("was not found in the directory", body["error_description"])

    def test_no_secret_and_no_assertion(self):
        self.assert_entra_error(self.sim.request_token(client_secret=None), 400, "invalid_request", 7000218)

    def test_wrong_secret(self):
        self.assert_entra_error(self.sim.request_token(client_secret="nope"), 401, "invalid_client", 7000215)

    def test_invalid_scope(self):
        for scope in ["https://graph.microsoft.com/User.Read", "https://example.contoso.com/.default",
                      "https://graph.microsoft.com/.default https://api.securitycenter.microsoft.com/.default"]:
            body = self.assert_entra_error(self.sim.request_token(scope=scope), 400, "invalid_scope", 70011)
            self.assertIn("The scope %s isn't valid" % scope, body["error_description"])

    def test_missing_scope_and_resource(self):
        self.assert_entra_error(self.sim.request_token(scope=None), 400, "invalid_request", 900144)
        self.assert_entra_error(self.sim.request_token(version=1, resource=None), 400, "invalid_request", 900144)

    def test_v1_unknown_resource(self):
        self.assert_entra_error(self.sim.request_token(version=1, resource="https://vault.azure.net"),
                                400, "invalid_resource", 500011)

    def test_validation_order(self):
        self.assert_entra_error(self.sim.request_token(tenant="nope.example", client_secret="bad", scope="x"),
                                400, "invalid_request", 90002)
        self.assert_entra_error(self.sim.request_token(resource="r", grant_type="password"),
                                400, "invalid_request", 901002)
        self.assert_entra_error(self.sim.request_token(grant_type="password", client_id="x"),
                                400, "unsupported_grant_type", 70003)
        self.assert_entra_error(self.sim.request_token(client_id="x", client_secret=None),
                                400, "unauthorized_client", 700016)
        self.assert_entra_error(self.sim.request_token(client_secret="bad", scope="x"), 401, "invalid_client",
                                7000215)

    def test_correlation_id_echoes_client_request_id(self):
        crid = str(uuid.uuid4())
        r = self.sim.request("POST", self.sim.token_url(tenant="unknown.example"),
                             body={"grant_type": "client_credentials"}, headers={"client-request-id": crid})
        self.assertEqual(self.assert_entra_error(r, 400, "invalid_request", 90002)["correlation_id"], crid)

    def test_get_is_refused(self):
        self.assert_entra_error(self.sim.request("GET", self.sim.token_url()), 400, "invalid_request", 900561)

    def test_stats_count_outcomes(self):
        before = self.sim.stats()["tokenRequests"]
        self.sim.request_token()
        self.sim.request_token(client_secret="bad")
        self.sim.request_token(client_secret="bad")
        after = self.sim.stats()["tokenRequests"]
        self.assertEqual(after["total"] - before["total"], 3)
        self.assertEqual(after["byOutcome"]["success"] - before["byOutcome"].get("success", 0), 1)
        self.assertEqual(after["byOutcome"]["AADSTS7000215"] - before["byOutcome"].get("AADSTS7000215", 0), 2)

    def test_assertion_without_registered_certificate(self):
        header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "x5t": b64url(b"\x01" * 20)}).encode())
        assertion = header + "." + b64url(b'{"iss":"x"}') + "." + b64url(b"sig")
        r = self.sim.request_token(client_secret=None, client_assertion=assertion,
                                   client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        self.assert_entra_error(r, 401, "invalid_client", 700027)


def openssl(*args, data=None):
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=True).stdout


class CertificateAssertionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="sim-cert-")
        cls.key, cls.cert = os.path.join(cls.dir, "app.key"), os.path.join(cls.dir, "app.pem")
        cls.other_key, cls.other_cert = os.path.join(cls.dir, "other.key"), os.path.join(cls.dir, "other.pem")
        for key, cert in ((cls.key, cls.cert), (cls.other_key, cls.other_cert)):
            openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30",
                    "-subj", "/CN=defender-sim test app")
        cls.sim = Simulator(alerts=5, extra_args=["--client-certificate", cls.cert]).start()

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        cls.sim.cleanup()

    def thumbprint(self, cert, digest):
        der = openssl("x509", "-in", cert, "-outform", "DER")
        return openssl("dgst", "-" + digest, "-binary", data=der)

    def assertion(self, alg="PS256", key=None, cert=None, header_key="x5t#S256", tamper=False, **claims):
        key, cert = key or self.key, cert or self.cert
        now = int(time.time())
        header = {"alg": alg, "typ": "JWT",
                  header_key: b64url(self.thumbprint(cert, "sha256" if header_key == "x5t#S256" else "sha1"))}
        body = {"aud": self.sim.token_url(), "iss": self.sim.client_id, "sub": self.sim.client_id,
                "jti": str(uuid.uuid4()), "nbf": now, "exp": now + 600, "iat": now}
        body.update(claims)
        signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(body).encode())).encode()
        opts = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32"] if alg == "PS256" else []
        signature = openssl("dgst", "-sha256", "-sign", key, *opts, data=signing_input)
        if tamper:
            signature = bytes([signature[0] ^ 1]) + signature[1:]
        return signing_input.decode() + "." + b64url(signature)

    def post(self, assertion, **form):
        return self.sim.request_token(client_secret=None, client_assertion=assertion,
                                      client_assertion_type="urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                                      **form)

    def assert_error(self, r, status, error, code):
        self.assertEqual(r.status, status, r.text())
        self.assertEqual(r.json()["error"], error)
        self.assertEqual(r.json()["error_codes"], [code])

    def test_ps256_with_sha256_thumbprint(self):
        r = self.post(self.assertion())
        self.assertEqual(r.status, 200, r.text())
        self.assertEqual(jwt_payload(r.json()["access_token"])["aud"], "https://graph.microsoft.com")

    def test_rs256_with_sha1_thumbprint_on_v1(self):
        r = self.post(self.assertion(alg="RS256", header_key="x5t", aud=self.sim.token_url(version=1)),
                      version=1, resource="https://graph.windows.net")
        self.assertEqual(r.status, 200, r.text())

    def test_bad_signature(self):
        self.assert_error(self.post(self.assertion(tamper=True)), 401, "invalid_client", 700027)

    def test_unregistered_certificate(self):
        r = self.post(self.assertion(key=self.other_key, cert=self.other_cert))
        self.assert_error(r, 401, "invalid_client", 700027)
        self.assertIn("The key was not found", r.json()["error_description"])

    def test_wrong_audience(self):
        self.assert_error(self.post(self.assertion(aud="https://login.microsoftonline.com/x/oauth2/v2.0/token")),
                          400, "invalid_request", 50027)

    def test_expired(self):
        now = int(time.time())
        self.assert_error(self.post(self.assertion(nbf=now - 3600, exp=now - 1800)), 401, "invalid_client", 700024)

    def test_issuer_not_client(self):
        other = str(uuid.uuid4())
        self.assert_error(self.post(self.assertion(iss=other, sub=other)), 401, "invalid_client", 700021)


class TokenExpiryTest(unittest.TestCase):
    def test_expired_token_is_refused(self):
        with Simulator(alerts=5, token_lifetime=1) as sim:
            r = sim.request_token()
            self.assertEqual(r.json()["expires_in"], 1)
            token = r.json()["access_token"]
            self.assertEqual(sim.alerts("$top=1", token=token).status, 200)
            time.sleep(1.2)
            r = sim.alerts("$top=1", token=token)
            self.assertEqual(r.status, 401)
            self.assertEqual(r.json()["error"]["code"], "InvalidAuthenticationToken")
            self.assertEqual(r.json()["error"]["message"], "Lifetime validation failed, the token is expired.")


if __name__ == "__main__":
    unittest.main()
