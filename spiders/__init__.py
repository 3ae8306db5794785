"""Everything that fetches: the site catalog, the query plan and the Scrapy spiders."""
