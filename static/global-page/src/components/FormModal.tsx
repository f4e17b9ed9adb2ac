// The shell every edit dialog shares: a titled modal around a form, a form-level error, Cancel and a submit button.
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';

type Props = {
  title: string;
  width: 'small' | 'medium' | 'large';
  saving: boolean;
  /** A problem that belongs to no single field. */
  formError?: string;
  submitLabel: string;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
};

export function FormModal({ title, width, saving, formError, submitLabel, onClose, onSubmit, children }: Props) {
  return (
    // While saving, the dialog cannot be dismissed: the answer must land somewhere.
    <Modal onClose={saving ? undefined : onClose} width={width} label={title}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <ModalHeader hasCloseButton>
          <ModalTitle>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          {formError && (
            <SectionMessage appearance="error">
              <p>{formError}</p>
            </SectionMessage>
          )}
          {children}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onClose} isDisabled={saving}>
            Cancel
          </Button>
          <Button appearance="primary" type="submit" isLoading={saving}>
            {submitLabel}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}
