import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The trigger's Events picker as n8n's node panel lists it: "On User Created", in title case
 * like n8n's own triggers (without an `action`, n8n would write "On user created").
 */
export function withEventActions(events: INodeProperties): INodeProperties {
	return {
		...events,
		options: (events.options as INodePropertyOptions[]).map((option) => ({
			...option,
			action: `On ${option.name}`,
		})),
	};
}

/** A canvas subtitle listing the chosen events by name ("User Created, User Deactivated"). */
export function eventsSubtitle(events: INodeProperties): string {
	const names = Object.fromEntries(
		(events.options as INodePropertyOptions[]).map((option) => [option.value, option.name]),
	);
	return `={{ ($parameter["events"] ?? []).map((event) => (${JSON.stringify(names)})[event] ?? event).join(", ") }}`;
}
