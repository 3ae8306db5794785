"""Filing opt-out requests for the user (`unlisted optout`): web forms filled in her browser, letters sent
from the address kept for opt-outs through her own mail server, the evidence kept, the tasks marked filed."""
