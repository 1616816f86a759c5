// antd's DatePicker and RangePicker on Beijing's clock: their "now" (此刻, 今天, today marked in the
// panel) is Beijing's whatever the browser's zone, as are their values, made and read only through
// web/shared/format.ts (toPicker / pickerNow / dayToPicker in, fromPicker / pickerDay out).
import { DatePicker as AntDatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
// the dayjs configuration antd's own DatePicker is built with (rc-picker comes with antd)
import dayjsConfig from 'rc-picker/es/generate/dayjs';
import { pickerNow } from '../../shared/format.ts';

export const DatePicker = AntDatePicker.generatePicker<Dayjs>({ ...dayjsConfig, getNow: pickerNow });
