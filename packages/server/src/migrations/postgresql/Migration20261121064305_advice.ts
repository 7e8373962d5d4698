import { Migration } from '@mikro-orm/migrations';

export class Migration20261121064305_advice extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "advice_request" ("id" uuid not null, "ubrn" varchar(12) not null, "patient_id" uuid not null, "referring_organisation_id" uuid not null, "referring_clinician_id" varchar(64) not null, "service_id" uuid not null, "provider_organisation_id" uuid not null, "state" text check ("state" in ('PROVIDER_RESPONSE_REQUIRED', 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION', 'REFERRER_TO_REVIEW_RESPONSE', 'CONVERSATION_ENDED_CANCELLED', 'CONVERSATION_ENDED_CLOSED', 'ADVICE_CONVERTED')) not null, "priority" text check ("priority" in ('TWO_WEEK_WAIT', 'URGENT', 'ROUTINE')) not null, "provider_conversion_authorisation" text check ("provider_conversion_authorisation" in ('AUTHORISED_TO_CONVERT', 'NOT_AUTHORISED_TO_CONVERT')) not null, "version" int not null, "snapshot" jsonb not null, "created_at" timestamptz not null, "state_changed_at" timestamptz not null, "first_responded_at" timestamptz null, "last_activity_at" timestamptz not null, "updated_at" timestamptz not null, constraint "advice_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_ubrn_unique" unique ("ubrn");`);
    this.addSql(`create index "advice_request_patient_id_index" on "advice_request" ("patient_id");`);
    this.addSql(`create index "advice_request_service_id_index" on "advice_request" ("service_id");`);
    this.addSql(`create index "advice_request_provider_organisation_id_state_index" on "advice_request" ("provider_organisation_id", "state");`);
    this.addSql(`create index "advice_request_referring_organisation_id_state_index" on "advice_request" ("referring_organisation_id", "state");`);

    this.addSql(`create table "advice_message" ("id" uuid not null, "advice_request_id" uuid not null, "version" int not null, "kind" varchar(30) not null, "author" varchar(10) not null, "user_id" varchar(64) not null, "role" varchar(40) not null, "organisation_id" varchar(64) not null, "on_behalf_of_user_id" varchar(64) null, "sent_at" timestamptz not null, "text" text not null, "outcome" varchar(40) null, "recommendation" varchar(60) null, "priority" varchar(20) null, "request_id" varchar(100) null, constraint "advice_message_pkey" primary key ("id"));`);
    this.addSql(`alter table "advice_message" add constraint "advice_message_advice_request_id_version_unique" unique ("advice_request_id", "version");`);

    this.addSql(`alter table "advice_request" add constraint "advice_request_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_referring_organisation_id_foreign" foreign key ("referring_organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_provider_organisation_id_foreign" foreign key ("provider_organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "advice_message" add constraint "advice_message_advice_request_id_foreign" foreign key ("advice_request_id") references "advice_request" ("id") on update cascade;`);

    this.addSql(`alter table "worklist_entry" drop constraint "worklist_entry_referral_id_foreign";`);

    this.addSql(`alter table "worklist_entry" add column "advice_request_id" uuid null, add column "awaiting_referrer" boolean not null default false;`);
    // Edited by hand: the differ also proposed `alter column "referral_id" type uuid using ...`,
    // an unchanged type whose USING clause would rewrite the whole table.
    this.addSql(`alter table "worklist_entry" alter column "referral_id" drop not null;`);
    this.addSql(`alter table "worklist_entry" add constraint "worklist_entry_advice_request_id_foreign" foreign key ("advice_request_id") references "advice_request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "worklist_entry" add constraint "worklist_entry_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "worklist_entry_advice_request_id_index" on "worklist_entry" ("advice_request_id");`);
    // Every entry is a referral's or an advice request's, never both or neither.
    this.addSql(`alter table "worklist_entry" add constraint "worklist_entry_one_subject" check ((referral_id is null) <> (advice_request_id is null));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "advice_message" drop constraint "advice_message_advice_request_id_foreign";`);

    this.addSql(`alter table "worklist_entry" drop constraint "worklist_entry_advice_request_id_foreign";`);

    this.addSql(`drop table if exists "advice_request" cascade;`);

    this.addSql(`drop table if exists "advice_message" cascade;`);

    this.addSql(`alter table "worklist_entry" drop constraint "worklist_entry_referral_id_foreign";`);

    this.addSql(`alter table "worklist_entry" drop constraint "worklist_entry_one_subject";`);
    this.addSql(`drop index "worklist_entry_advice_request_id_index";`);
    this.addSql(`alter table "worklist_entry" drop column "advice_request_id", drop column "awaiting_referrer";`);

    // The advice entries (the rows without a referral) go before the column is required again.
    this.addSql(`delete from "worklist_entry" where "referral_id" is null;`);
    this.addSql(`alter table "worklist_entry" alter column "referral_id" set not null;`);
    this.addSql(`alter table "worklist_entry" add constraint "worklist_entry_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete no action;`);
  }

}
