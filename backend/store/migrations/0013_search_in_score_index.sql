-- The Health table's search within a risk level, version 13. Within a level
-- (a score range on the score index) a search tests each row's search_text
-- with LIKE; the index did not hold it, so every row in the range cost a
-- look-up of its table row, and on a 100,000-account book a level's count
-- and page read ~3,000 table rows each. The score index now ends with the
-- search text, so the filter, the count and the page's order read the index
-- alone. Its key is unchanged up to the new column, so every query that used
-- it still does.
DROP INDEX health_current_score;
CREATE INDEX health_current_score ON health_current(tracked, score, arr_base_minor DESC, level, search_text);
