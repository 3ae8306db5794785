"""Filing opt-out requests for the user (`unlisted optout`): web forms filled in her browser, letters sent
from her mail account, the evidence kept, the tasks marked filed."""
