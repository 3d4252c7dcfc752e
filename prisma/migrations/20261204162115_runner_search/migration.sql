-- Find runners the way clinicians type them (issue 12, item 4): "Olivia
-- Haddad", "Haddad, Olivia" (the list's format), part of the MRN with or
-- without its prefix, any case, accents and apostrophes ignored ("obrien"
-- finds O'Brien, "jose" finds José). PostgreSQL's built-in full-text search
-- does it with no extension (nothing to load on the embedded database, and
-- nothing for Citus to install on its workers): every word typed must be the
-- start of a word of the runner's name or MRN, served by one GIN index.

-- Letters and digits only, lower case, accents and apostrophes dropped;
-- anything else separates words. Both cases are listed: lower() of a
-- non-ASCII letter depends on the database's locale (none under "C").
CREATE FUNCTION kc_search_text(t text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
           regexp_replace(
             lower(translate(
               replace(replace(replace(replace(replace(replace(t, 'ß', 'ss'), 'Æ', 'AE'), 'æ', 'ae'), 'Œ', 'OE'), 'œ', 'oe'), 'ẞ', 'SS'),
               'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž',
               'AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssTTTtttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz')),
             '[''’‘`´ʼ]', '', 'g'),
           '[^a-z0-9]+', ' ', 'g'));
$$;

-- The words a runner is found by: given and family names, each name also
-- joined ("smithjones" for Smith-Jones), the MRN's parts, the MRN joined
-- ("rs100231") and its numbers without leading zeros.
-- SET search_path FROM CURRENT: PostgreSQL 17 builds and maintains an
-- index with search_path = pg_catalog, pg_temp, where kc_search_text would
-- not be found.
CREATE FUNCTION kc_patient_search(given text, family text, mrn text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT to_tsvector('simple'::regconfig, concat_ws(' ',
    kc_search_text(given), kc_search_text(family), kc_search_text(mrn),
    replace(kc_search_text(given), ' ', ''), replace(kc_search_text(family), ' ', ''), replace(kc_search_text(mrn), ' ', ''),
    regexp_replace(kc_search_text(mrn), '(^| )0+([0-9])', '\1\2', 'g')));
$$;

-- What was typed, as a query: every word the start of a word of the runner
-- (prefix match), in any order; NULL when nothing searchable was typed.
CREATE FUNCTION kc_search_query(q text) RETURNS tsquery
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path FROM CURRENT AS $$
  SELECT CASE WHEN w = '' THEN NULL ELSE to_tsquery('simple'::regconfig, replace(w, ' ', ':* & ') || ':*') END
    FROM (SELECT kc_search_text(q) AS w) s;
$$;

CREATE INDEX "Patient_search_idx" ON "Patient" USING gin (kc_patient_search("givenName", "familyName", mrn));
