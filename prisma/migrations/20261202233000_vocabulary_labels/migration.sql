-- Seed labels that read the code in sentence case ("Slapp", "Ngo staff") get their proper words;
-- a label an admin has changed since is left as it is.
UPDATE "VocabularyTerm" AS term
SET label = fixed.label
FROM (VALUES
  ('SLAPP', 'Slapp', 'SLAPP'),
  ('TORTURE_ILL_TREATMENT', 'Torture ill treatment', 'Torture or ill-treatment'),
  ('THREAT_INTIMIDATION', 'Threat intimidation', 'Threats and intimidation'),
  ('RAID_SEARCH', 'Raid search', 'Raid or search'),
  ('DEFAMATION_STIGMATISATION', 'Defamation stigmatisation', 'Defamation and stigmatisation'),
  ('PRO_GOVERNMENT_GROUP', 'Pro government group', 'Pro-government group'),
  ('FAMILY_COMMUNITY', 'Family community', 'Family or community'),
  ('ARRESTED_RELEASED', 'Arrested released', 'Arrested and released'),
  ('PRO_DEMOCRACY', 'Pro democracy', 'Pro-democracy'),
  ('JOURNALIST_MEDIA', 'Journalist media', 'Journalists and media'),
  ('LAND_ENVIRONMENT', 'Land environment', 'Land and environment'),
  ('LABOUR_TRADE_UNION', 'Labour trade union', 'Labour and trade unions'),
  ('LGBTIQ_RIGHTS', 'Lgbtiq rights', 'LGBTIQ rights'),
  ('LAWYER_JUSTICE', 'Lawyer justice', 'Lawyers and justice'),
  ('COMMUNITY_BASED', 'Community based', 'Community-based'),
  ('ESC_RIGHTS', 'Esc rights', 'Economic, social and cultural rights'),
  ('ANTI_CORRUPTION', 'Anti corruption', 'Anti-corruption'),
  ('STUDENT_YOUTH', 'Student youth', 'Students and youth'),
  ('NGO_STAFF', 'Ngo staff', 'NGO staff'),
  ('FAMILY_OF_VICTIM', 'Family of victim', 'Family of a victim'),
  ('WOMENS_RIGHTS', 'Womens rights', 'Women’s rights'),
  ('NGO_REPORT', 'Ngo report', 'NGO report'),
  ('PHOTO_VIDEO', 'Photo video', 'Photo or video')
) AS fixed(code, old_label, label)
WHERE term.code = fixed.code AND term.label = fixed.old_label;
