"""The corpus's fictional people: their profiles, and the written variants of their facts (see make_corpus.py).

Everything is invented: names, 555-01xx phones, example.com/.org/.net emails, addresses.
"""

PROFILES = {
    "avery": {
        "schema": 1,
        "person": {"name": "Avery J. Quinlan", "aliases": ["Avery Marsh"], "birth_date": "1983-06-02",
                   "phones": ["(503) 555-0147"], "emails": ["avery.q@example.com"]},
        "addresses": [
            {"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR", "postal_code": "97206", "lat": 45.48012, "lon": -122.60031},
            {"kind": "previous", "street": "1190 NW Glisan St", "unit": "Apt 5", "city": "Portland", "state": "OR", "postal_code": "97209", "lat": 45.52637, "lon": -122.68401},
            {"kind": "practice", "street": "700 NE Multnomah St", "unit": "Suite 300", "city": "Portland", "state": "OR", "postal_code": "97232"},
        ],
        "family": [{"name": "Jordan Quinlan", "relation": "spouse", "birth_year": 1982, "city": "Portland"},
                   {"name": "Mia Quinlan", "relation": "child", "birth_year": 2012}],
    },
    "ted": {
        "schema": 1,
        "person": {"name": "Theodore R. Fenwick", "birth_year": 1975, "phones": ["(512) 555-0162"], "emails": ["tfenwick@example.org"]},
        "addresses": [
            {"kind": "home", "street": "1507 W Juniper Ave", "unit": "Apt 12", "city": "Austin", "state": "TX", "postal_code": "78704", "lat": 30.24811, "lon": -97.77042},
            {"kind": "previous", "street": "88 Magnolia Blvd", "city": "Houston", "state": "TX", "postal_code": "77002", "lat": 29.75601, "lon": -95.36322},
            {"kind": "practice", "street": "4100 N Lamar Blvd", "unit": "Ste 210", "city": "Austin", "state": "TX", "postal_code": "78756"},
        ],
        "family": [{"name": "Priya Fenwick", "relation": "spouse", "birth_year": 1977, "city": "Austin"}],
    },
    "liz": {
        "schema": 1,
        "person": {"name": "Elizabeth Marie Corrigan", "birth_date": "1990-11-23", "phones": ["(720) 555-0110"], "emails": ["liz.corrigan@example.net"]},
        "addresses": [
            {"kind": "home", "street": "2290 N Wren St", "city": "Denver", "state": "CO", "postal_code": "80205", "lat": 39.75421, "lon": -104.96612},
            {"kind": "previous", "street": "615 E 3rd Ave", "unit": "Apt 2B", "city": "Denver", "state": "CO", "postal_code": "80203"},
            {"kind": "practice", "street": "1600 Stout St", "unit": "Suite 1400", "city": "Denver", "state": "CO", "postal_code": "80202"},
        ],
        "family": [{"name": "Margaret Corrigan", "relation": "parent", "birth_year": 1958, "city": "Boulder"},
                   {"name": "Daniel Corrigan", "relation": "sibling", "birth_year": 1987}],
    },
}

# Written variants of each profile's facts: (street, city, state, zip) tuples, phones, emails, names.
VARIANTS = {
    "avery": {
        "names": ["Avery J. Quinlan", "Avery Quinlan", "QUINLAN, AVERY J", "Ave Quinlan", "Avery Jo Quinlan", "Avery Marsh"],
        "ages": [41, 42],
        "births": ["June 1983", "1983-06-02", "Born 1983", "06/02/1983"],
        "home": [("4821 SE Larkspur Ct", "Portland", "OR", "97206"), ("4821 Southeast Larkspur Court", "PORTLAND", "Oregon", "97206-1234"),
                 ("4821 SE LARKSPUR CT", "Portland", "OR", ""), ("4821 S.E. Larkspur Ct.", "Portland", "OR", "97206"),
                 ("4821 Larkspur Ct SE", "Portland", "OR", "97206")],
        "previous": [("1190 NW Glisan St Apt 5", "Portland", "OR", "97209"), ("1190 Northwest Glisan Street #5", "Portland", "OR", ""),
                     ("1190 NW GLISAN ST UNIT 5", "PORTLAND", "OR", "97209-0001")],
        "practice": ("700 NE Multnomah St Suite 300", "Portland", "OR", "97232"),
        "phones": ["(503) 555-0147", "503-555-0147", "503.555.0147", "+1 503 555 0147", "1-503-555-0147", "503 555 0147"],
        "emails": ["avery.q@example.com", "avery.q [at] example [dot] com", "avery.q (at) example (dot) com", "avery.q at example dot com", "AVERY.Q@EXAMPLE.COM"],
        "location": ("Portland", "OR"),
        "family": {"Jordan Quinlan": ["Jordan Quinlan", "Jordan M Quinlan"], "Mia Quinlan": ["Mia Quinlan"]},
        "family_ages": {"Jordan Quinlan": 43, "Mia Quinlan": 13},
        "namesake_places": [("Columbus", "OH", "43004"), ("Tulsa", "OK", "74103"), ("Bangor", "ME", "04401")],
        "near": {"neighbour": ("4823 SE Larkspur Ct", "Portland", "OR", "97206"), "other_city": ("4821 SE Larkspur Ct", "Salem", "OR", "97301"),
                 "unit": ("1190 NW Glisan St Apt 7", "Portland", "OR", "97209"), "phone": "(503) 555-0148", "phone2": "(503) 555-0174"},
        "user_last": "Quinlan",
    },
    "ted": {
        "names": ["Theodore R. Fenwick", "Theodore Fenwick", "Ted Fenwick", "FENWICK, THEODORE", "Teddy R Fenwick"],
        "ages": [49, 50],
        "births": ["1975", "Born 1975", "born in 1975"],
        "home": [("1507 W Juniper Ave Apt 12", "Austin", "TX", "78704"), ("1507 West Juniper Avenue #12", "AUSTIN", "Texas", "78704-5511"),
                 ("1507 W JUNIPER AVE UNIT 12", "Austin", "TX", ""), ("1507 W Juniper Ave", "Austin", "TX", "78704")],
        "previous": [("88 Magnolia Blvd", "Houston", "TX", "77002"), ("88 Magnolia Boulevard", "HOUSTON", "TX", "")],
        "practice": ("4100 N Lamar Blvd Ste 210", "Austin", "TX", "78756"),
        "phones": ["(512) 555-0162", "512-555-0162", "512.555.0162", "+1 (512) 555-0162"],
        "emails": ["tfenwick@example.org", "tfenwick [at] example [dot] org", "tfenwick{at}example{dot}org", "TFenwick@Example.org"],
        "location": ("Austin", "TX"),
        "family": {"Priya Fenwick": ["Priya Fenwick", "Priya S. Fenwick"]},
        "family_ages": {"Priya Fenwick": 48},
        "namesake_places": [("Spokane", "WA", "99201"), ("Macon", "GA", "31201"), ("Fargo", "ND", "58102")],
        "near": {"neighbour": ("1509 W Juniper Ave Apt 12", "Austin", "TX", "78704"), "other_city": ("1507 W Juniper Ave", "Dallas", "TX", "75201"),
                 "unit": ("1507 W Juniper Ave Apt 14", "Austin", "TX", "78704"), "phone": "(512) 555-0163", "phone2": "(512) 555-0126"},
        "user_last": "Fenwick",
    },
    "liz": {
        "names": ["Elizabeth Marie Corrigan", "Elizabeth Corrigan", "Liz Corrigan", "Beth M. Corrigan", "CORRIGAN, ELIZABETH"],
        "ages": [34, 33],
        "births": ["November 23, 1990", "Nov 1990", "1990-11-23", "Born 1990"],
        "home": [("2290 N Wren St", "Denver", "CO", "80205"), ("2290 North Wren Street", "DENVER", "Colorado", "80205-4410"),
                 ("2290 N. WREN ST.", "Denver", "CO", "")],
        "previous": [("615 E 3rd Ave Apt 2B", "Denver", "CO", "80203"), ("615 East Third Avenue Apt. 2B", "Denver", "CO", ""),
                     ("615 E 3RD AVE #2B", "DENVER", "CO", "80203")],
        "practice": ("1600 Stout St Suite 1400", "Denver", "CO", "80202"),
        "phones": ["(720) 555-0110", "720-555-0110", "720.555.0110", "+17205550110"],
        "emails": ["liz.corrigan@example.net", "liz.corrigan [at] example [dot] net", "liz.corrigan&#64;example.net", "liz.corrigan AT example DOT net"],
        "location": ("Denver", "CO"),
        "family": {"Margaret Corrigan": ["Margaret Corrigan", "Maggie Corrigan"], "Daniel Corrigan": ["Daniel Corrigan", "Dan Corrigan"]},
        "family_ages": {"Margaret Corrigan": 67, "Daniel Corrigan": 38},
        "namesake_places": [("Lansing", "MI", "48933"), ("Reno", "NV", "89501"), ("Dover", "DE", "19901")],
        "near": {"neighbour": ("2292 N Wren St", "Denver", "CO", "80205"), "other_city": ("2290 N Wren St", "Pueblo", "CO", "81003"),
                 "unit": ("615 E 3rd Ave Apt 4B", "Denver", "CO", "80203"), "phone": "(720) 555-0111", "phone2": "(720) 555-0101"},
        "user_last": "Corrigan",
    },
}
