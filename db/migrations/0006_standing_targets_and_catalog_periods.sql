ALTER TABLE `targets` RENAME COLUMN "year" TO "from_year";--> statement-breakpoint
DROP INDEX `targets_org_year`;--> statement-breakpoint
ALTER TABLE `targets` ADD `until_year` integer;--> statement-breakpoint
CREATE INDEX `targets_org_indicator` ON `targets` (`organization_id`,`indicator_id`);--> statement-breakpoint
ALTER TABLE `indicators` ADD `in_force_from` text;--> statement-breakpoint
ALTER TABLE `indicators` ADD `retired_from` text;--> statement-breakpoint
-- Hand-written: a target set by a person (or added with the demo) was set for its one year, and keeps that meaning; the province's requirement that the seed wrote (no author, not demo) now stands from its year onward.
UPDATE `targets` SET `until_year` = `from_year` WHERE `created_by` IS NOT NULL OR `is_demo` = 1;
