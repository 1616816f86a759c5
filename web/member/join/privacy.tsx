// The notice for handling sensitive personal information (个人信息保护法 第二十九条、第三十条):
// what is collected, why, who handles it, how long it is kept, and the right to withdraw — said in
// plain Chinese beside the consent box, with the full text one tap away.
import './membership.css';
import { alertDialog } from '../components/dialogs.ts';
import { DocLink } from '../components/forms.tsx';
import { showUserAgreement } from './agreement.tsx';

export const consentSummary =
  '为办理实名入会和会员服务，工会将收集您的姓名、身份证号、手机号和工作单位（或所在平台、工作地点）。' +
  '身份证号属于敏感个人信息，仅用于核实身份、确保一人一个会籍，加密保存，不提供给无关的第三方。' +
  '信息由您加入的工会及其上级工会处理，在会员关系存续期间保存。您可以随时撤回同意，或要求查询、更正、删除。';

const sections: { title: string; body: string }[] = [
  {
    title: '谁处理您的信息',
    body: '您申请加入的工会，以及管理它的上级工会（镇街、区县、市、省总工会）。工会工作人员只能查看本管理范围内的会员；查看完整身份证号须说明原因，并留有记录。',
  },
  {
    title: '收集哪些信息',
    body: '姓名、身份证号、手机号、工作单位名称（没有固定单位的，为所在平台和工作地点）。性别和出生日期由身份证号推算，不另行收集。',
  },
  {
    title: '为什么收集',
    body: '实名入会：核实您的身份，确认您没有重复入会，并把您分到正确的工会；会员服务：发放会员号和电子会员证，办理会员关系转接，发送审核结果等通知。不会用于与以上无关的用途。',
  },
  {
    title: '敏感个人信息',
    body: '身份证号属于敏感个人信息。它以加密形式保存，页面和名单中只显示部分号码（如 440982********123X），日志中不记录。若不提供，将无法办理实名入会。',
  },
  {
    title: '保存多久',
    body: '会员关系存续期间一直保存。退会后及入会申请被驳回后的保存期限，由工会依照法律法规确定并另行公示；在此之前，您可以随时要求删除。',
  },
  {
    title: '您的权利',
    body: '您可以随时撤回本同意（撤回不影响撤回前已进行的处理，但撤回后工会将无法继续为您提供会员服务），也可以要求查询、复制、更正或删除您的个人信息。',
  },
  {
    title: '怎样联系我们',
    body: '拨打职工服务热线 12351，或联系您所在的工会。我们将依法及时答复。',
  },
];

export function showPrivacyNotice(): void {
  void alertDialog({
    title: '个人信息处理告知',
    content: (
      <div className="m-privacy">
        {sections.map((s) => (
          <section key={s.title}>
            <h3>{s.title}</h3>
            <p>{s.body}</p>
          </section>
        ))}
        <p className="m-privacy-more">
          使用本平台的约定，见
          <DocLink role="button" onOpen={showUserAgreement}>
            《用户服务协议》
          </DocLink>
        </p>
      </div>
    ),
    confirmText: '我已阅读',
  });
}
