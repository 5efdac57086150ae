"""SQL functions for the multilingual search of the stocktaking database (see stocktaking/search.py).

The embedded PostgreSQL (PyPI pgserver 0.1.4) ships neither `unaccent` nor `pg_trgm`, so accent
folding and Chinese bigrams are plain SQL functions here. They are IMMUTABLE: the planner folds
`wsis_term_tsquery('constant')` into a constant tsquery at plan time, which lets the GIN index on
`search_vector` answer the match.
"""

from django.db import migrations

# Accent folding is NFD decomposition, then removal of the combining marks, then NFC: C-speed
# normalize() is twelve times faster than one translate() over a 181-letter list (1.8 ms for a 1,250
# character text), and gives the same result for every letter of Latin-1 Supplement and Latin
# Extended-A (tests/stocktaking/test_search.py checks all of them). translate() and replace() are
# left only for the letters that have no decomposition:
LATIN_SINGLE_FROM, LATIN_SINGLE_TO = "ÐðĐđØøĦħıĸĿŀŁłŉŊŋŦŧſ", "ddddoohhikllllnnntts"
LATIN_PAIRS = [("ß", "ss"), ("Æ", "ae"), ("æ", "ae"), ("Œ", "oe"), ("œ", "oe"), ("Þ", "th"), ("þ", "th"),
               ("Ĳ", "ij"), ("ĳ", "ij")]
# Russian й is a letter of its own, not и with a breve: it is set aside in a private-use character
# while the marks are removed (ё, on the other hand, becomes е, as most Russian texts write it).
KEEP_FROM, KEEP_TEMP = "йЙ", "\ue000\ue001"
# Arabic: the hamza and madda forms of alef (أ إ آ ٱ) become a bare alef before decomposition ...
ALEF_FROM, ALEF_TO = "\u0623\u0625\u0622\u0671", "\u0627\u0627\u0627\u0627"
# ... and the marks removed are the Latin (and Greek, Cyrillic) combining marks U+0300..U+036F,
# the Arabic short vowels, tanween, shadda and sukun U+064B..U+0652, the dagger alef U+0670 and the
# tatweel U+0640.
MARKS = "[\u0300-\u036f\u064b-\u0652\u0670\u0640]"

assert len(LATIN_SINGLE_FROM) == len(LATIN_SINGLE_TO)

# Han (with extension A and compatibility ideographs), kana and hangul: scripts written without
# spaces, indexed as overlapping bigrams. Kept in step with search.CJK_RANGES (a test checks it).
CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"


def _replaces(expression: str) -> str:
    for source, target in LATIN_PAIRS:
        expression = f"replace({expression}, '{source}', '{target}')"
    return expression


FORWARD = [
    f"""
CREATE FUNCTION wsis_unaccent(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN t !~ '[^\\x01-\\x7f]' THEN lower(t) ELSE translate(lower(normalize(regexp_replace(normalize(
        translate({_replaces("t")}, '{LATIN_SINGLE_FROM}{KEEP_FROM}{ALEF_FROM}', '{LATIN_SINGLE_TO}{KEEP_TEMP}{ALEF_TO}'),
        NFD), '{MARKS}', '', 'g'), NFC)), '{KEEP_TEMP}', 'йй') END
$$
""",
    """
COMMENT ON FUNCTION wsis_unaccent(text) IS
    'Lower-cases, folds Latin diacritics (é->e, ß->ss, œ->oe), ё->е, removes Arabic tashkeel and tatweel, normalises alef.'
""",
    f"""
CREATE FUNCTION wsis_ts_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE left(lower(lang), 2)
        WHEN 'en' THEN 'pg_catalog.english'::regconfig
        WHEN 'fr' THEN 'pg_catalog.french'::regconfig
        WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
        WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
        WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
        ELSE 'pg_catalog.simple'::regconfig
    END
$$
""",
    f"""
CREATE FUNCTION wsis_cjk_bigrams(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN t !~ '[{CJK_CLASS}]' THEN t ELSE (
        SELECT string_agg(
            CASE
                WHEN m.g[1] IS NULL THEN m.g[2]
                WHEN length(m.g[1]) = 1 THEN m.g[1]
                ELSE (SELECT string_agg(substr(m.g[1], i, 2), ' ' ORDER BY i)
                      FROM generate_series(1, length(m.g[1]) - 1) AS i)
            END, ' ' ORDER BY m.n)
        FROM regexp_matches(t, '([{CJK_CLASS}]+)|([^{CJK_CLASS}]+)', 'g') WITH ORDINALITY AS m(g, n)
    ) END
$$
""",
    """
COMMENT ON FUNCTION wsis_cjk_bigrams(text) IS
    'Replaces each run of CJK characters by its overlapping bigrams separated by spaces (信息社会 -> 信息 息社 社会).'
""",
    f"""
CREATE FUNCTION wsis_search_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT wsis_cjk_bigrams(wsis_unaccent(left(t, 100000)))
$$
""",
    f"""
CREATE FUNCTION wsis_strip_html(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT regexp_replace(regexp_replace(t, '<[^>]*>', ' ', 'g'), '&(#[0-9]+|#x[0-9a-f]+|[a-z]+);', ' ', 'gi')
$$
""",
    f"""
CREATE FUNCTION wsis_document(cfg regconfig, a text, b text, c text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(cfg, wsis_search_text(coalesce(a, ''))), 'A')
        || setweight(to_tsvector(cfg, wsis_search_text(coalesce(b, ''))), 'B')
        || setweight(to_tsvector(cfg, wsis_search_text(coalesce(c, ''))), 'C')
$$
""",
    f"""
CREATE AGGREGATE wsis_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')
""",
    f"""
CREATE FUNCTION wsis_term_tsquery(term text) RETURNS tsquery
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE
        -- A stop word of any language (the, de, и, في) is dropped: the texts indexed in that
        -- language do not hold it, so requiring it would hide them.
        WHEN numnode(en) = 0 OR numnode(fr) = 0 OR numnode(es) = 0 OR numnode(ru) = 0
             OR numnode(ar) = 0 OR numnode(si) = 0 THEN ''::tsquery
        WHEN u ~ '[{CJK_CLASS}]' THEN en || fr || es || ru || ar || si || phraseto_tsquery('simple', wsis_cjk_bigrams(u))
        ELSE en || fr || es || ru || ar || si
    END
    FROM (
        SELECT u,
            phraseto_tsquery('english', u) AS en, phraseto_tsquery('french', u) AS fr,
            phraseto_tsquery('spanish', u) AS es, phraseto_tsquery('russian', u) AS ru,
            phraseto_tsquery('arabic', u) AS ar, phraseto_tsquery('simple', u) AS si
        FROM (SELECT wsis_unaccent(left(term, 1000)) AS u) AS folded
    ) AS per_config
$$
""",
    """
COMMENT ON FUNCTION wsis_term_tsquery(text) IS
    'One search term or quoted phrase as a tsquery matching it in every language configuration of the portal.'
""",
    f"""
-- Facet counts over a whole (filtered) result set read only these columns: an index-only scan of
-- this covering index reads a fraction of the pages a sequential scan of the wide table would.
CREATE INDEX entry_facets_covering ON stocktaking_entry (state)
    INCLUDE (facet_action_lines, facet_sdg_goals, facet_countries, facet_regions,
             stakeholder_type_id, activity_type, status, year)
""",
]

REVERSE = [
    """DROP INDEX IF EXISTS entry_facets_covering""",
    """DROP FUNCTION IF EXISTS wsis_term_tsquery(text)""",
    """DROP AGGREGATE IF EXISTS wsis_tsvector_agg(tsvector)""",
    """DROP FUNCTION IF EXISTS wsis_document(regconfig, text, text, text)""",
    """DROP FUNCTION IF EXISTS wsis_strip_html(text)""",
    """DROP FUNCTION IF EXISTS wsis_search_text(text)""",
    """DROP FUNCTION IF EXISTS wsis_cjk_bigrams(text)""",
    """DROP FUNCTION IF EXISTS wsis_ts_config(text)""",
    """DROP FUNCTION IF EXISTS wsis_unaccent(text)""",
]


class Migration(migrations.Migration):
    dependencies = [("stocktaking", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, REVERSE)]
