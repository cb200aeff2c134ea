"""Tests of ./numabias doctor (tools/doctor/doctor.sh) on fake machines: PATH holds only the
programs a case provides, and sysfs, proc, the uid, Python and libnuma are redirected.
Run: python3 -m unittest discover -s tools/doctor"""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import unittest

SCRIPT = pathlib.Path(__file__).resolve().parent / "doctor.sh"
BASICS = ["bash", "cat", "sed", "grep", "ls", "wc", "head", "uname", "id", "basename", "dirname", "timeout"]


class FakeMachine:
    def __init__(self, root: pathlib.Path):
        self.root = root
        self.bin = root / "bin"
        self.bin.mkdir()
        for tool in BASICS:
            os.symlink(shutil.which(tool), self.bin / tool)
        self.env = {
            "PATH": str(self.bin),
            "NUMABIAS_SYSFS": str(root / "sys"),
            "NUMABIAS_PROC": str(root / "proc"),
            "NUMABIAS_UID": "1000",
            "NUMABIAS_PYTHON": str(root / "no-python"),
            "NUMABIAS_LIBNUMA": str(root / "libnuma.so.1"),
            "NUMABIAS_JDK": "",
        }

    def program(self, name, output=""):
        p = self.bin / name
        p.write_text("#!/bin/bash\nprintf '%s' " + repr(output) + "\n")
        p.chmod(0o755)

    def jdk(self):
        home = self.root / "jdk"
        (home / "bin").mkdir(parents=True)
        java = home / "bin" / "java"
        java.write_text("#!/bin/bash\necho 'openjdk version \"25.0.3\" 2026-04-21 LTS' >&2\n")
        java.chmod(0o755)
        self.env["NUMABIAS_JDK"] = str(home)

    def nodes(self, n):
        for i in range(n):
            (self.root / "sys" / "devices" / "system" / "node" / f"node{i}").mkdir(parents=True, exist_ok=True)

    def paranoid(self, value):
        d = self.root / "proc" / "sys" / "kernel"
        d.mkdir(parents=True, exist_ok=True)
        (d / "perf_event_paranoid").write_text(f"{value}\n")

    def run(self, *args):
        r = subprocess.run(["/bin/bash", str(SCRIPT), *args], env=self.env, capture_output=True, text=True, timeout=60)
        return r.returncode, r.stdout, r.stderr


class DoctorTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.m = FakeMachine(pathlib.Path(self.tmp.name))

    def tearDown(self):
        self.tmp.cleanup()

    def test_bare_machine_fails_and_says_how_to_get_a_jdk_and_fonts(self):
        code, out, _ = self.m.run()
        self.assertEqual(1, code)
        self.assertIn("MISSING  jdk", out)
        self.assertIn("install Temurin 25 from Adoptium's apt repository", out)
        self.assertIn("fix: sudo apt-get install -y fontconfig fonts-dejavu-core", out)
        self.assertIn("fix: sudo apt-get install -y qemu-system-x86", out)
        self.assertIn("no       ./numabias test (the two-node guest test also needs qemu) (needs: jdk fonts)", out)
        self.assertIn("cannot work yet", out)

    def test_jdk_and_a_font_are_enough_for_the_two_commands(self):
        self.m.jdk()
        self.m.program("fc-list", "/usr/share/fonts/DejaVuSans.ttf: DejaVu Sans\n")
        code, out, _ = self.m.run()
        self.assertEqual(0, code, out)
        self.assertIn("ok       jdk", out)
        self.assertIn('(openjdk version "25.0.3" 2026-04-21 LTS)', out)
        self.assertIn("ok       ./numabias demo, compare", out)
        self.assertIn("no       record kernel traces (needs: perf perf-permission)", out)
        self.assertIn("can work here", out)

    def test_perf_permission_follows_paranoid_and_root(self):
        self.m.program("perf")
        self.m.paranoid(2)
        _, out, _ = self.m.run()
        self.assertIn("MISSING  perf-permission        not root and perf_event_paranoid = 2", out)
        self.assertIn("fix: run record with sudo, or: sudo sysctl kernel.perf_event_paranoid=-1", out)
        self.m.paranoid(-1)
        self.assertIn("ok       perf-permission        perf_event_paranoid = -1", self.m.run()[1])
        self.m.paranoid(2)
        self.m.env["NUMABIAS_UID"] = "0"
        self.assertIn("ok       perf-permission        running as root", self.m.run()[1])

    def test_two_nodes_and_libnuma_make_real_live_runs_work(self):
        self.m.jdk()
        self.m.nodes(1)
        (self.m.root / "libnuma.so.1").write_text("")
        _, out, _ = self.m.run()
        self.assertIn("note     numa-nodes             1 NUMA node: use 'live --emulate-nodes 2'", out)
        self.assertIn("no       live and numa-cost with real placement (needs: numa-nodes)", out)
        self.assertIn("ok       live with emulated nodes", out)
        self.m.nodes(2)
        _, out, _ = self.m.run()
        self.assertIn("ok       numa-nodes             2 nodes", out)
        self.assertIn("ok       live and numa-cost with real placement", out)

    def test_spark_master_reachability(self):
        self.m.jdk()
        with socket.socket() as listening:
            listening.bind(("127.0.0.1", 0))
            listening.listen(1)
            port = listening.getsockname()[1]
            _, out, _ = self.m.run("--spark-master", f"spark://127.0.0.1:{port}")
            self.assertIn(f"ok       spark-master           spark://127.0.0.1:{port} accepts connections", out)
        _, out, _ = self.m.run("--spark-master", f"spark://127.0.0.1:{port}")
        self.assertIn(f"MISSING  spark-master           spark://127.0.0.1:{port} does not answer", out)
        self.assertIn(f"no       sweep --engine spark:spark://127.0.0.1:{port} (needs: spark-master)", out)

    def test_usage_errors_exit_2(self):
        self.assertEqual(2, self.m.run("--nosuch")[0])
        self.assertEqual(2, self.m.run("--spark-master", "http://x")[0])
        self.assertEqual(2, self.m.run("--spark-master")[0])


if __name__ == "__main__":
    unittest.main()
