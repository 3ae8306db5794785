"""Everything that fetches: the site catalog (catalog/), block and result detection, the address guard and
the Scrapy spiders. Builds on the core's base and domain (profile, engine, sources); never on its use
cases or CLI. The core reads only the plain data modules here: catalog, items, usernames.
"""
