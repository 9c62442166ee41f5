"""One example configuration of config/ running against defender-sim with the built module: the example's
@define values pointed at the simulator and at a local listener, everything else as shipped."""

import os
import tempfile

from lib.delivery import Tally, versions
from lib.simulator import Simulator
from lib.syslogng import SyslogNg

from harness.examples import set_defines, with_credentials


def simulator_options(sim):
    """The microsoft-defender() options that send the example's source to the simulator instead of Microsoft."""
    return (f'login-url("{sim.base_url}") api-url("{sim.base_url}") ca-file("{sim.ca_file}") '
            f'poll-interval(2)')


class ExampleRun:
    def __init__(self, testcase, example_path, alerts, syslog_class=SyslogNg, **defines):
        self.testcase = testcase
        self.work = tempfile.mkdtemp(prefix="defender-pkg-")
        self.sim = Simulator(alerts=alerts, seed=23, history=3600).start()
        testcase.addCleanup(self.sim.cleanup)
        testcase.addCleanup(self.sim.stop)
        text = with_credentials(example_path.read_text(), self.work, self.sim.client_secret)
        text = set_defines(text, defender_tenant_id=self.sim.tenant, defender_client_id=self.sim.client_id,
                           defender_extra_options=simulator_options(self.sim), **defines)
        self.syslog = syslog_class(os.path.join(self.work, "syslog-ng"), text)
        testcase.addCleanup(self.syslog.stop)

    def assert_every_alert_once(self, delivered):
        """delivered: (alert id, update time in epoch ms) per output line; each version the simulator served must be
        there exactly once, and nothing else."""
        result = Tally(versions(self.sim.ledger()), delivered)
        print(result, flush=True)
        self.testcase.assertEqual(result.missing, set())
        self.testcase.assertEqual(result.duplicated, 0)
        self.testcase.assertEqual(result.unexpected, set())
