/**
 * The embed's send toasts — the store, its view and the two calls behind Undo and Cancel schedule —
 * as one lazy chunk: nothing of it is needed until a mail is sent, so it loads once the window's
 * chunks are in (see `DeferredSendToasts`).
 */
export { cancelSchedule, undoSend } from '../api/send';
export { createSendToasts } from '../compose/model/send-toasts';
export { SendToasts } from '../compose/ui/send-toasts';
