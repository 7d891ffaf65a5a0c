import Type, { type Static } from 'typebox';

/** Every API error: a stable code for programs and one sentence for people. */
export const ApiError = Type.Object({ error: Type.String(), message: Type.String() });
export type ApiError = Static<typeof ApiError>;
