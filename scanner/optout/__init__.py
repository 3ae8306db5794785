"""Filing opt-out requests for the user: mail.py sends a task's letter from the address kept for
opt-outs through the user's own SMTP server and keeps the sent message as evidence.
A use case beside the CLI: it may import scanner.schedule, scanner.plan and the base, never scanner.cli.
"""
