"""Start the built emulator binary and build the official SDK clients against it."""
import json
import os
import subprocess
import tempfile
import time
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("VPNGW_BIN", os.path.join(REPO, ".build", "debug", "vpngw-emulator"))
DEFAULT_FIXTURE = os.path.join(REPO, "fixtures", "default.json")

ACCOUNT_KEY = ("LTAI5tEmulatorDefaultKey", "EmulatorDefaultSecret")
READONLY_KEY = ("LTAI5tReadOnlyKey", "ReadOnlySecret")
DENIED_KEY = ("LTAI5tDeniedKey", "DeniedSecret")
OTHER_ACCOUNT_KEY = ("LTAI5tOtherAccountKey", "OtherAccountSecret")

GATEWAY = "vpn-bp1default0000000001"
GATEWAY_CONNECTION = "vco-bp1default0000000001"
GATEWAY_CONNECTION_2 = "vco-bp1default0000000002"
DUAL_GATEWAY = "vpn-bp1dualtunnel000001"
DUAL_CONNECTION = "vco-bp1dualtunnel000001"
LOCKED_GATEWAY = "vpn-bp1locked0000000001"
LOCKED_CONNECTION = "vco-bp1locked0000000001"
PENDING_VPC_GATEWAY = "vpn-bp1pendingvpc00001"
PENDING_VPC_CONNECTION = "vco-bp1pendingvpc00001"
TRANSIT = "vco-bp1transit0000000001"
TRANSIT_LOCKED = "vco-bp1transitlocked001"
OTHER_ACCOUNT_GATEWAY = "vpn-bp1otheraccount00001"
SHANGHAI_GATEWAY = "vpn-bp1shanghai00000001"
REGION = "cn-hangzhou"

# Both Python SDKs send local traffic through a proxy when one is set (PROTOCOL.md §2).
for _name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
    os.environ.pop(_name, None)


class Emulator:
    """A running emulator process on a free port with its own database."""

    def __init__(self, *extra_args, db=None, cwd=REPO, fixtures=(DEFAULT_FIXTURE,)):
        """`cwd`: the directory the binary starts in; `fixtures`: the --fixtures files (empty: the
        built-in default fixture)."""
        self.dir = tempfile.mkdtemp(prefix="vpngw-sdk-")
        self.db = db or os.path.join(self.dir, "emulator.sqlite")
        self.extra_args = list(extra_args)
        self.cwd = cwd
        self.fixtures = list(fixtures)
        self.proc = None
        self.port = None

    def start(self):
        ready = os.path.join(self.dir, "port")
        if os.path.exists(ready):
            os.remove(ready)
        self.log = open(os.path.join(self.dir, "emulator.log"), "ab")
        self.proc = subprocess.Popen(
            [BINARY, "--port", "0", "--ready-file", ready, "--db", self.db,
             *[arg for f in self.fixtures for arg in ("--fixtures", f)], *self.extra_args],
            cwd=self.cwd, stdout=self.log, stderr=self.log)
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(ready) and open(ready).read().strip():
                self.port = int(open(ready).read())
                return self
            if self.proc.poll() is not None:
                raise RuntimeError("emulator exited: " + self.logs())
            time.sleep(0.02)
        raise RuntimeError("emulator did not start: " + self.logs())

    def logs(self):
        with open(os.path.join(self.dir, "emulator.log"), "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, sig=15, timeout=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=timeout)
        return self.proc.returncode

    @property
    def endpoint(self):
        return f"127.0.0.1:{self.port}"

    # Control API ---------------------------------------------------------------------------
    def control(self, method, path, body=None, headers=None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(f"http://{self.endpoint}{path}", data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def control_json(self, method, path, body=None, headers=None):
        status, raw = self.control(method, path, body, headers)
        return status, json.loads(raw) if raw else None

    def reset(self):
        status, _ = self.control("POST", "/_emulator/reset")
        assert status == 200

    def state(self):
        status, raw = self.control("GET", "/_emulator/state")
        assert status == 200
        return json.loads(raw)

    def complete_tasks(self):
        return self.control_json("POST", "/_emulator/tasks/complete")[1]["completed"]

    def config(self, **settings):
        status, body = self.control_json("PUT", "/_emulator/config", settings)
        assert status == 200, body
        return body

    def fault(self, **fault):
        status, body = self.control_json("POST", "/_emulator/faults", fault)
        assert status == 201, body
        return body

    # SDK clients ---------------------------------------------------------------------------
    def tea(self, key=ACCOUNT_KEY, v1=False):
        from alibabacloud_tea_openapi import models as open_api_models
        from alibabacloud_vpc20160428.client import Client
        config = open_api_models.Config(access_key_id=key[0], access_key_secret=key[1],
                                        endpoint=self.endpoint, protocol="http")
        if v1:
            config.signature_algorithm = "v2"
        return Client(config)

    def core(self, key=ACCOUNT_KEY, region=REGION):
        from aliyunsdkcore.client import AcsClient
        return CoreClient(AcsClient(key[0], key[1], region), self.endpoint)


class CoreClient:
    """The old SDK (aliyunsdkcore) with every request pointed at the emulator."""

    def __init__(self, client, endpoint):
        self.client = client
        self.endpoint = endpoint

    def call(self, request):
        request.set_endpoint(self.endpoint)
        request.set_protocol_type("http")
        return json.loads(self.client.do_action_with_exception(request))

    def common(self, action, params, method="GET", form=False):
        from aliyunsdkcore.request import CommonRequest
        req = CommonRequest(domain=self.endpoint, version="2016-04-28", action_name=action)
        req.set_protocol_type("http")
        req.set_method(method)
        for k, v in params.items():
            if form:
                req.add_body_params(k, v)
            else:
                req.add_query_param(k, v)
        return json.loads(self.client.do_action_with_exception(req))
