import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { isOutcomeUnknown } from '../../../shared/errors';
import { settle } from '../../../shared/settle';
import { optionsCollection } from '../../../shared/descriptions';
import type { Os1Client } from '../../transport';
import { changeState } from './changeState.operation';
import { aState, userLocatorFields, userSegment } from './common';

const properties: INodeProperties[] = [
	...userLocatorFields('The user to offboard'),
	optionsCollection([
		{ displayName: 'Reason Code', name: 'reasonCode', type: 'string', default: '' },
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['deactivate'] } },
	properties,
);

/** Offboarding: the lifecycle state `inactive` (OS1 has no user deletion). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: Os1Client,
): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const outcome = await settle(changeState(this, client, itemIndex, 'inactive', options));
	if (outcome.ok) return outcome.value;
	// Offboarding the same person twice (a re-run, a second trigger) is not a failure: when
	// OS1 refuses the move because the user is already inactive, report that instead. After
	// an unclear answer, the user's state says whether the move happened.
	const status = (outcome.error as { httpCode?: string }).httpCode;
	const unknown = isOutcomeUnknown(outcome.error);
	if (status === '409' || status === '400' || unknown) {
		const current = await client.request<IDataObject>(
			'GET',
			`${userSegment(this, itemIndex)}/state`,
			{},
			{ itemIndex, expect: aState },
		);
		if (String(current.state).split(':')[0] === 'inactive')
			return unknown
				? { ...current, confirmedAfterUnclearAnswer: true }
				: { ...current, alreadyInactive: true };
	}
	throw outcome.error;
}
