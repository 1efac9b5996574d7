"""A second real client, in Go (issue 12): Tests/go/tfsequence drives Terraform's own example
through aliyungo's common.Client.Invoke (Debian's golang-github-denverdino-aliyungo-dev, V1
signatures, GET) against a fresh emulator.

The program is built here by Tests/go/build: offline, in GOPATH mode against Debian's
/usr/share/gocode (the machine reaches no Go module proxy), without cgo, into .build-go/
(gitignored). A machine without Go or aliyungo FAILS these tests with the apt command to run;
they are never skipped.
"""
import collections
import os
import shutil
import subprocess
import tempfile

import pytest

from emulator import REPO, Emulator

APT_PACKAGES = "golang-go golang-github-denverdino-aliyungo-dev"
ALIYUNGO = "/usr/share/gocode/src/github.com/denverdino/aliyungo/common"
BUILD = os.path.join(REPO, "Tests", "go", "build")     # the offline build, also run by scripts/test
PROGRAM = os.path.join(REPO, ".build-go", "tfsequence")


@pytest.fixture(scope="module")
def program():
    if shutil.which("go") is None:
        pytest.fail(f"the Go client test needs Go and aliyungo: apt-get install -y {APT_PACKAGES} (no `go` on PATH)")
    if not os.path.isdir(ALIYUNGO):
        pytest.fail(f"the Go client test needs aliyungo: apt-get install -y {APT_PACKAGES} ({ALIYUNGO} is missing)")
    out = subprocess.run([BUILD, PROGRAM], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, f"Tests/go/build failed:\n{out.stdout}{out.stderr}"
    return PROGRAM


@pytest.fixture
def emu300():
    e = Emulator("--task-duration", "300").start()
    yield e
    assert e.stop() == 0, e.logs()


def run(program, *args, env_endpoint=None):
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy") and k != "VPNGW_ENDPOINT"}
    if env_endpoint:
        env["VPNGW_ENDPOINT"] = env_endpoint
    return subprocess.run([program, *args], env=env, capture_output=True, text=True, timeout=300)


def successes(emu):
    status, body = emu.control_json("GET", "/_emulator/requests?code=null&limit=10000")
    assert status == 200
    return collections.Counter(r["action"] for r in body["requests"] if r["httpStatus"] == 200)


def test_the_go_client_runs_the_terraform_sequence_on_both_gateways(program, emu300):
    out = run(program, "-endpoint", f"http://{emu300.endpoint}/")
    assert out.returncode == 0, f"Go client failed:\n{out.stdout}\n{out.stderr}"
    assert "PASS: Terraform sequence (all) through aliyungo" in out.stdout, out.stdout
    assert out.stderr == "", out.stderr
    # The emulator saw every write of both sequences succeed, once each per resource.
    done = successes(emu300)
    expected = {"CreateCustomerGateway": 4, "DeleteCustomerGateway": 4, "CreateVpnConnection": 2,
                "DeleteVpnConnection": 2, "CreateVpnRouteEntry": 2, "PublishVpnRouteEntry": 2,
                "ModifyVpnRouteEntryWeight": 2, "DeleteVpnRouteEntry": 2, "CreateVpnGateway": 1, "DeleteVpnGateway": 1,
                "UnTagResources": 2}
    assert {a: done[a] for a in expected} == expected
    # TagResources: the connection after create and for the Stage tag, the customer gateways (x2 runs) + the gateway.
    assert done["TagResources"] == 7, done
    for read_action in ("DescribeVpnGateways", "DescribeVpnGateway", "DescribeCustomerGateway",
                        "DescribeCustomerGateways", "DescribeVpnConnection", "DescribeVpnConnections",
                        "DescribeVpnRouteEntries", "ListTagResources"):
        assert done[read_action] > 0, (read_action, done)


def test_the_go_client_takes_its_endpoint_from_the_environment(program, emu300):
    out = run(program, "-sequence", "fixture", env_endpoint=emu300.endpoint)
    assert out.returncode == 0, f"Go client failed:\n{out.stdout}\n{out.stderr}"
    assert "PASS: Terraform sequence (fixture) through aliyungo" in out.stdout, out.stdout
    assert successes(emu300)["CreateVpnConnection"] == 1


def test_the_go_client_exits_non_zero_with_a_clear_message_on_a_mismatch(program, emu300):
    """A wrong secret: the first read is answered SignatureDoesNotMatch, which the provider does not
    retry, and the program stops there naming the step and the answer."""
    out = run(program, "-endpoint", emu300.endpoint, "-secret", "NotTheSecret")
    assert out.returncode == 1, (out.returncode, out.stdout, out.stderr)
    assert out.stderr.startswith("FAIL [data alicloud_vpn_gateways"), out.stderr
    assert "DescribeVpnGateways: HTTP 400 SignatureDoesNotMatch" in out.stderr, out.stderr
    assert "PASS" not in out.stdout


def test_the_go_client_refuses_to_run_without_an_endpoint(program):
    out = run(program)
    assert out.returncode == 2, (out.returncode, out.stdout, out.stderr)
    assert "usage: tfsequence -endpoint" in out.stderr


def test_without_go_the_build_names_the_apt_packages():
    """The build script on a PATH without `go` (only the tools the script itself needs)."""
    bin_dir = tempfile.mkdtemp(prefix="vpngw-nogo-")
    for tool in ("dirname", "mkdir"):
        os.symlink(shutil.which(tool), os.path.join(bin_dir, tool))
    out = subprocess.run(["/bin/bash", BUILD, os.path.join(bin_dir, "out")], cwd=REPO, env={"PATH": bin_dir},
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 3, (out.returncode, out.stderr)
    assert out.stderr.strip() == f"Go is missing: apt-get install -y {APT_PACKAGES}", out.stderr
    assert not os.path.exists(os.path.join(bin_dir, "out"))
