import { Migration } from '@mikro-orm/migrations';

export class Migration20261203141415_slot_supply extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "background_job" ("id" uuid not null, "name" varchar(60) not null, "payload" jsonb not null, "state" varchar(12) not null, "singleton_key" varchar(160) null, "attempts" int not null default 0, "max_attempts" int not null default 3, "run_after" timestamptz not null, "last_error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "background_job_pkey" primary key ("id"));`);
    this.addSql(`create index "background_job_state_run_after_index" on "background_job" ("state", "run_after");`);

    this.addSql(`create table "slot_schedule" ("id" uuid not null, "service_id" uuid not null, "label" varchar(100) not null, "weekdays" jsonb not null, "start_time" varchar(5) not null, "session_minutes" int not null, "slot_minutes" int not null, "priorities" jsonb not null, "clinician_id" varchar(64) null, "clinician_name" varchar(100) null, "valid_from" date not null, "valid_to" date null, "every_weeks" int not null default 1, "include_bank_holidays" boolean not null default false, "active" boolean not null default true, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, "created_by_user_id" varchar(64) null, constraint "slot_schedule_pkey" primary key ("id"));`);
    this.addSql(`create index "slot_schedule_service_id_index" on "slot_schedule" ("service_id");`);

    this.addSql(`create table "service_version" ("id" uuid not null, "service_id" uuid not null, "version" int not null, "kind" varchar(20) not null, "changed_at" timestamptz not null, "changed_by_user_id" varchar(64) null, "changed_by_name" varchar(200) not null, "changes" jsonb not null, "definition" jsonb not null, constraint "service_version_pkey" primary key ("id"));`);
    this.addSql(`create index "service_version_changed_at_index" on "service_version" ("changed_at");`);
    this.addSql(`alter table "service_version" add constraint "service_version_service_id_version_unique" unique ("service_id", "version");`);

    this.addSql(`create table "schedule_exception" ("id" uuid not null, "service_id" uuid not null, "schedule_id" uuid null, "date" date not null, "kind" text check ("kind" in ('CANCEL_SESSION', 'EXTRA_SESSION')) not null, "start_time" varchar(5) null, "session_minutes" int null, "slot_minutes" int null, "priorities" jsonb null, "clinician_id" varchar(64) null, "clinician_name" varchar(100) null, "reason" varchar(60) null, "created_at" timestamptz not null, "created_by_user_id" varchar(64) null, constraint "schedule_exception_pkey" primary key ("id"));`);
    this.addSql(`create index "schedule_exception_service_id_date_index" on "schedule_exception" ("service_id", "date");`);

    this.addSql(`alter table "slot_schedule" add constraint "slot_schedule_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade;`);

    this.addSql(`alter table "service_version" add constraint "service_version_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade;`);

    this.addSql(`alter table "schedule_exception" add constraint "schedule_exception_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade;`);
    this.addSql(`alter table "schedule_exception" add constraint "schedule_exception_schedule_id_foreign" foreign key ("schedule_id") references "slot_schedule" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "slot" drop constraint if exists "slot_status_check";`);

    this.addSql(`alter table "service" add column "draft" boolean not null default false, add column "named_clinicians" jsonb null, add column "slot_issue_policy" varchar(10) not null default 'LEAVE', add column "offer_hold_hours" int not null default 48, add column "publication_weeks" int not null default 26, add column "additional_requirements" text null;`);

    this.addSql(`alter table "slot" add column "source_key" varchar(160) null, add column "schedule_id" uuid null, add column "offer" boolean not null default false, add column "status_reason" varchar(60) null, add column "status_comment" text null;`);
    this.addSql(`alter table "slot" add constraint "slot_status_check" check("status" in ('FREE', 'HELD', 'BOOKED', 'BLOCKED', 'CANCELLED'));`);
    this.addSql(`alter table "slot" add constraint "slot_service_source_key_unique" unique ("service_id", "source_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "schedule_exception" drop constraint "schedule_exception_schedule_id_foreign";`);

    this.addSql(`drop table if exists "background_job" cascade;`);

    this.addSql(`drop table if exists "slot_schedule" cascade;`);

    this.addSql(`drop table if exists "service_version" cascade;`);

    this.addSql(`drop table if exists "schedule_exception" cascade;`);

    this.addSql(`alter table "slot" drop constraint if exists "slot_status_check";`);

    this.addSql(`alter table "service" drop column "draft", drop column "named_clinicians", drop column "slot_issue_policy", drop column "offer_hold_hours", drop column "publication_weeks", drop column "additional_requirements";`);

    this.addSql(`alter table "slot" drop constraint "slot_service_source_key_unique";`);
    this.addSql(`alter table "slot" drop column "source_key", drop column "schedule_id", drop column "offer", drop column "status_reason", drop column "status_comment";`);

    this.addSql(`alter table "slot" add constraint "slot_status_check" check("status" in ('FREE', 'HELD', 'BOOKED', 'CANCELLED'));`);
  }

}
