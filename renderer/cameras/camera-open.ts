import { createStore } from 'zustand/vanilla';

/** The camera opened full size over the map (a click on it at the console); none on a wall without a pointer. */
export const openCamera = createStore<{ id?: string }>()(() => ({}));
