# Put this folder on PYTHONPATH and every Python process started with it is loopback-only.
import netguard

netguard.install()
