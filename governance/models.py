"""governance models: each part has its own module, star-imported here."""

from governance.accountability.models import *  # noqa: F403
from governance.chores.models import *  # noqa: F403
from governance.drug_tests.models import *  # noqa: F403
from governance.grievances.models import *  # noqa: F403
from governance.house_meetings.models import *  # noqa: F403
from governance.incidents.models import *  # noqa: F403
from governance.ladder.models import *  # noqa: F403
from governance.officers.models import *  # noqa: F403
from governance.passes.models import *  # noqa: F403
from governance.treasury.models import *  # noqa: F403
