"""The browser fetch path: finding the user's browser, and fetching the sites that need one."""
