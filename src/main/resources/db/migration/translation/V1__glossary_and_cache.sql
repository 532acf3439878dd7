create schema translation;

-- The district glossary: terms an engine must not translate on its own. A term is either kept as
-- written in every language (school and programme names) or has fixed translations per language
-- (terms of art such as IEP or "referendum"); a language without one is left to the engine.
create table translation.glossary_term (
    id               uuid primary key,
    term             varchar(100) not null check (btrim(term) <> '' and term !~ '[{}⟦⟧]'),
    never_translated boolean not null,
    updated_by       varchar(320) not null,
    updated_at       timestamp with time zone not null,
    version          bigint not null
);
-- Terms match case-insensitively, so two spellings of one term would be ambiguous.
create unique index glossary_term_once on translation.glossary_term (lower(term));

create table translation.glossary_translation (
    term_id     uuid not null references translation.glossary_term (id) on delete cascade,
    language    varchar(35) not null check (btrim(language) <> ''),
    translation varchar(200) not null check (btrim(translation) <> ''),
    primary key (term_id, language)
);

-- What an engine made of a text, so that the same text is never sent to it twice. The key is the
-- text as the engine received it: placeholders and glossary terms already replaced by markers, so a
-- glossary change changes the key and never serves a result made under the old glossary. The text
-- itself is not kept, only its SHA-256; it held no names (those are placeholders until delivery).
create table translation.cached_translation (
    engine      varchar(40) not null,
    source      varchar(35) not null,
    target      varchar(35) not null,
    text_hash   bytea not null check (length(text_hash) = 32),
    translation text not null,
    created_at  timestamp with time zone not null,
    primary key (engine, source, target, text_hash)
);
