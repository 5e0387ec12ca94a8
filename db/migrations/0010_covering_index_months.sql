DROP INDEX `observations_org_period`;--> statement-breakpoint
CREATE INDEX `observations_org_period_indicator` ON `observations` (`organization_id`,`period`,`indicator_id`,`is_demo`);