ALTER TABLE `observations` ADD `value_above` real;--> statement-breakpoint
ALTER TABLE `observations` ADD `value_below` real;--> statement-breakpoint
ALTER TABLE `revisions` ADD `old_value_above` real;--> statement-breakpoint
ALTER TABLE `revisions` ADD `new_value_above` real;--> statement-breakpoint
ALTER TABLE `revisions` ADD `old_value_below` real;--> statement-breakpoint
ALTER TABLE `revisions` ADD `new_value_below` real;