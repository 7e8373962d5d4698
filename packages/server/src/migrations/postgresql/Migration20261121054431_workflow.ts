import { Migration } from '@mikro-orm/migrations';

export class Migration20261121054431_workflow extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "idempotency_record" ("id" uuid not null, "user_id" varchar(64) not null, "key" varchar(255) not null, "operation" varchar(80) not null, "request_hash" varchar(64) not null, "status" varchar(12) not null, "response" jsonb null, "created_at" timestamptz not null, constraint "idempotency_record_pkey" primary key ("id"));`);
    this.addSql(`alter table "idempotency_record" add constraint "idempotency_record_user_id_key_unique" unique ("user_id", "key");`);

    this.addSql(`create table "patient" ("id" uuid not null, "nhs_number" varchar(10) not null, "given_name" varchar(100) not null, "family_name" varchar(100) not null, "date_of_birth" date not null, "sex" text check ("sex" in ('MALE', 'FEMALE', 'INDETERMINATE', 'UNKNOWN')) not null, "address_line" varchar(200) not null, "town" varchar(100) not null, "postcode" varchar(10) not null, "phone" varchar(30) null, "email" varchar(200) null, "registered_practice_id" uuid null, "created_at" timestamptz not null, constraint "patient_pkey" primary key ("id"));`);
    this.addSql(`alter table "patient" add constraint "patient_nhs_number_unique" unique ("nhs_number");`);

    this.addSql(`create table "slot" ("id" uuid not null, "service_id" uuid not null, "start_at" timestamptz not null, "end_at" timestamptz not null, "for_routine" boolean not null, "for_urgent" boolean not null, "for_two_week_wait" boolean not null, "clinician_name" varchar(100) null, "clinician_id" varchar(64) null, "status" text check ("status" in ('FREE', 'HELD', 'BOOKED', 'CANCELLED')) not null default 'FREE', "held_until" timestamptz null, "held_for_ubrn" varchar(12) null, "published_at" timestamptz not null, constraint "slot_pkey" primary key ("id"));`);
    this.addSql(`create index "slot_status_held_until_index" on "slot" ("status", "held_until");`);
    this.addSql(`create index "slot_service_id_start_at_index" on "slot" ("service_id", "start_at");`);

    this.addSql(`create table "referral" ("id" uuid not null, "ubrn" varchar(12) not null, "access_code" varchar(8) not null, "patient_id" uuid not null, "referring_organisation_id" uuid not null, "referring_clinician_id" varchar(64) not null, "state" text check ("state" in ('NOT_BOOKED', 'BOOKED', 'ACCEPTED', 'DEFERRED_TO_PROVIDER', 'AWAITING_TRIAGE', 'TRIAGED_PROVIDER_TO_ACTION', 'TRIAGE_RESPONSE', 'REJECTED', 'APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER', 'DID_NOT_ATTEND', 'ASSESSMENT_RESULT', 'CANCELLED_REFERRAL')) not null, "priority" text check ("priority" in ('TWO_WEEK_WAIT', 'URGENT', 'ROUTINE')) not null, "version" int not null, "snapshot" jsonb not null, "clinical_information" text null, "current_service_id" uuid null, "current_provider_id" uuid null, "parent_ubrn" varchar(12) null, "created_at" timestamptz not null, "last_activity_at" timestamptz not null, "updated_at" timestamptz not null, constraint "referral_pkey" primary key ("id"));`);
    this.addSql(`alter table "referral" add constraint "referral_ubrn_unique" unique ("ubrn");`);
    this.addSql(`create index "referral_patient_id_index" on "referral" ("patient_id");`);
    this.addSql(`create index "referral_current_provider_id_state_index" on "referral" ("current_provider_id", "state");`);
    this.addSql(`create index "referral_referring_organisation_id_state_index" on "referral" ("referring_organisation_id", "state");`);

    this.addSql(`create table "referral_event" ("id" uuid not null, "referral_id" uuid not null, "version" int not null, "type" varchar(40) not null, "from_state" varchar(40) null, "to_state" varchar(40) not null, "reason" varchar(60) null, "comment" text null, "user_id" varchar(64) not null, "role" varchar(40) not null, "organisation_id" varchar(64) not null, "on_behalf_of_user_id" varchar(64) null, "occurred_at" timestamptz not null, "request_id" varchar(100) null, "details" jsonb null, constraint "referral_event_pkey" primary key ("id"));`);
    this.addSql(`create index "referral_event_referral_id_version_index" on "referral_event" ("referral_id", "version");`);

    this.addSql(`create table "referral_document" ("id" uuid not null, "referral_id" uuid null, "filename" varchar(255) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by_user_id" varchar(64) not null, "uploaded_by_organisation_id" varchar(64) not null, "uploaded_at" timestamptz not null, constraint "referral_document_pkey" primary key ("id"));`);

    this.addSql(`create table "appointment" ("id" uuid not null, "referral_id" uuid not null, "service_id" uuid not null, "slot_id" uuid null, "status" text check ("status" in ('PROPOSED', 'BOOKED', 'CANCELLED', 'DID_NOT_ATTEND', 'FULFILLED', 'PENDING', 'FAILED')) not null, "proposal_reason" varchar(40) null, "start_at" timestamptz null, "end_at" timestamptz null, "clinician_id" varchar(64) null, "cancellation_reason" varchar(60) null, "is_current" boolean not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "appointment_pkey" primary key ("id"));`);
    this.addSql(`create index "appointment_referral_id_index" on "appointment" ("referral_id");`);
    this.addSql(`create unique index "appointment_one_active_per_slot" on "appointment" ("slot_id") where "status" in ('PENDING', 'BOOKED');`);

    this.addSql(`create table "worklist_entry" ("id" uuid not null, "referral_id" uuid not null, "ubrn" varchar(12) not null, "organisation_id" varchar(64) not null, "worklist" varchar(50) not null, "priority" varchar(20) not null, "priority_rank" int not null, "sort_at" timestamptz not null, "state" varchar(40) not null, "state_changed_at" timestamptz not null, "service_id" varchar(64) null, "specialty_code" varchar(40) null, "clinician_id" varchar(64) null, "letter_due_at" timestamptz null, "patient_contact_by" date null, "request_context_status" varchar(40) null, constraint "worklist_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "worklist_entry_referral_id_index" on "worklist_entry" ("referral_id");`);
    this.addSql(`create index "worklist_entry_page" on "worklist_entry" ("organisation_id", "worklist", "priority_rank", "sort_at", "ubrn");`);

    this.addSql(`alter table "patient" add constraint "patient_registered_practice_id_foreign" foreign key ("registered_practice_id") references "organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "slot" add constraint "slot_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade;`);

    this.addSql(`alter table "referral" add constraint "referral_patient_id_foreign" foreign key ("patient_id") references "patient" ("id") on update cascade;`);
    this.addSql(`alter table "referral" add constraint "referral_referring_organisation_id_foreign" foreign key ("referring_organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "referral" add constraint "referral_current_service_id_foreign" foreign key ("current_service_id") references "service" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "referral" add constraint "referral_current_provider_id_foreign" foreign key ("current_provider_id") references "organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "referral_event" add constraint "referral_event_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade;`);

    this.addSql(`alter table "referral_document" add constraint "referral_document_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "appointment" add constraint "appointment_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade;`);
    this.addSql(`alter table "appointment" add constraint "appointment_service_id_foreign" foreign key ("service_id") references "service" ("id") on update cascade;`);
    this.addSql(`alter table "appointment" add constraint "appointment_slot_id_foreign" foreign key ("slot_id") references "slot" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "worklist_entry" add constraint "worklist_entry_referral_id_foreign" foreign key ("referral_id") references "referral" ("id") on update cascade;`);

    this.addSql(`alter table "service" add column "booking_windows" jsonb null, add column "reservation_days" int not null default 0, add column "indicative_wait_days" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral" drop constraint "referral_patient_id_foreign";`);

    this.addSql(`alter table "appointment" drop constraint "appointment_slot_id_foreign";`);

    this.addSql(`alter table "referral_event" drop constraint "referral_event_referral_id_foreign";`);

    this.addSql(`alter table "referral_document" drop constraint "referral_document_referral_id_foreign";`);

    this.addSql(`alter table "appointment" drop constraint "appointment_referral_id_foreign";`);

    this.addSql(`alter table "worklist_entry" drop constraint "worklist_entry_referral_id_foreign";`);

    this.addSql(`drop table if exists "idempotency_record" cascade;`);

    this.addSql(`drop table if exists "patient" cascade;`);

    this.addSql(`drop table if exists "slot" cascade;`);

    this.addSql(`drop table if exists "referral" cascade;`);

    this.addSql(`drop table if exists "referral_event" cascade;`);

    this.addSql(`drop table if exists "referral_document" cascade;`);

    this.addSql(`drop table if exists "appointment" cascade;`);

    this.addSql(`drop table if exists "worklist_entry" cascade;`);

    this.addSql(`alter table "service" drop column "booking_windows", drop column "reservation_days", drop column "indicative_wait_days";`);
  }

}
