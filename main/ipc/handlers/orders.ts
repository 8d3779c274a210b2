import { changeDose, checkSafety, discontinueOrder, holdOrder, resumeOrder, setTaper, startOrder, stopTaper } from '../../services/orders';
import { printMedicationList } from '../../services/medicationListPrint';
import { orderDetail, patientOrders } from '../../services/orderViews';
import { prescriberPatients } from '../../services/prescriberPatients';
import type { ChannelName } from '../contract';
import type { HandlerMap } from './types';

type OrderChannels = Extract<ChannelName, `orders.${string}`>;

export const ordersHandlers: HandlerMap<OrderChannels> = {
  'orders.listForPatient': async (input, { ctx }) => patientOrders(ctx, input),
  'orders.get': async (input, { ctx }) => orderDetail(ctx.db, input.id, ctx.clock.now()),
  'orders.checkSafety': async (input, { ctx }) => checkSafety(ctx, input.patientId, input.medicationId),
  'orders.start': async (input, { ctx, actor }) => startOrder(ctx, actor, input),
  'orders.changeDose': async (input, { ctx, actor }) => changeDose(ctx, actor, input),
  'orders.setTaper': async (input, { ctx, actor }) => setTaper(ctx, actor, input),
  'orders.stopTaper': async (input, { ctx, actor }) => stopTaper(ctx, actor, input),
  'orders.hold': async (input, { ctx, actor }) => holdOrder(ctx, actor, input),
  'orders.resume': async (input, { ctx, actor }) => resumeOrder(ctx, actor, input),
  'orders.discontinue': async (input, { ctx, actor }) => discontinueOrder(ctx, actor, input),
  'orders.printList': async (input, { ctx, actor }) => printMedicationList(ctx, actor, input),
  'orders.prescriberPatients': async (input, { ctx, actor }) => prescriberPatients(ctx, actor, input),
};
